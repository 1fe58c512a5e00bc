package io.loadharness.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadharness.core.Limits;
import io.loadharness.core.memory.MemoryBudget;
import io.loadharness.core.params.CpuJobSpec;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FailedWorkerTest {

    @Test
    void aJobWhoseWorkerFailsIsReportedAsFailedAndTheRegistryCarriesOn() throws InterruptedException {
        AtomicInteger bodies = new AtomicInteger();
        try (JobRegistry jobs = new JobRegistry(Limits.defaults(), new MemoryBudget(1L << 30), body -> () -> {
            if (bodies.getAndIncrement() == 0) {
                throw new IllegalStateException("injected fault");
            }
            body.run();
        })) {
            String failing = jobs.startCpu(new CpuJobSpec(1, 60, 2)).id();
            JobSnapshot failed = awaitEnd(jobs, failing);

            assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
            assertThat(failed.failure()).contains("injected fault");
            assertThat(failed.endedAt()).isNotNull();

            CpuJobSnapshot healthy = jobs.startCpu(new CpuJobSpec(1, 60, 2));
            assertThat(healthy.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(jobs.stop(healthy.id()).status()).isEqualTo(JobStatus.STOPPED);
        }
    }

    private static JobSnapshot awaitEnd(JobRegistry jobs, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        JobSnapshot job = jobs.get(id);
        while (job.status() == JobStatus.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(10);
            job = jobs.get(id);
        }
        return job;
    }
}
