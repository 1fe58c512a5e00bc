package io.loadharness.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loadharness.core.LimitExceededException;
import io.loadharness.core.Limits;
import io.loadharness.core.memory.MemoryBudget;
import io.loadharness.core.params.CpuJobSpec;
import io.loadharness.core.params.MemoryJobSpec;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobRegistryTest {

    private static final long MB = 1L << 20;

    private final MemoryBudget budget = new MemoryBudget(64 * MB);
    private final JobRegistry jobs = new JobRegistry(
            Limits.builder().maxConcurrentJobs(3).maxCpuWorkers(1).finishedJobHistory(2).build(), budget);

    @AfterEach
    void closeRegistry() {
        jobs.close();
    }

    @Test
    void aCpuJobRunsWithItsParametersAndCanBeStopped() {
        CpuJobSnapshot started = jobs.startCpu(new CpuJobSpec(1, 60, 3));

        assertThat(started.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(started.id()).startsWith("job_");
        assertThat(started.workersRequested()).isEqualTo(1);
        assertThat(started.workersActive()).isEqualTo(1);
        assertThat(started.targetUtilization()).isEqualTo(0.3);
        assertThat(started.endsAt()).isEqualTo(started.startedAt().plusSeconds(60));
        assertThat(started.remainingSeconds()).isBetween(55.0, 60.0);
        assertThat(started.parameters()).containsEntry("cores", 1L).containsEntry("intensity", 3L);

        long stopAt = System.nanoTime();
        CpuJobSnapshot stopped = (CpuJobSnapshot) jobs.stop(started.id());

        assertThat(Duration.ofNanos(System.nanoTime() - stopAt)).isLessThan(Duration.ofMillis(100));
        assertThat(stopped.status()).isEqualTo(JobStatus.STOPPED);
        assertThat(stopped.workersActive()).isZero();
        assertThat(stopped.remainingSeconds()).isZero();
        assertThat(stopped.endedAt()).isNotNull();
        assertThat(liveWorkerThreads()).isZero();
    }

    @Test
    void stoppingAFinishedJobReturnsItUnchanged() {
        String id = jobs.startCpu(new CpuJobSpec(1, 10, 1)).id();
        JobSnapshot first = jobs.stop(id);
        JobSnapshot second = jobs.stop(id);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aMemoryJobHoldsItsBudgetUntilStopped() {
        MemoryJobSnapshot job = jobs.startMemory(new MemoryJobSpec(32, 600));

        assertThat(job.heldBytes()).isEqualTo(32 * MB);
        assertThat(budget.heldBytes()).isEqualTo(32 * MB);
        assertThat(job.type()).isEqualTo(JobType.MEMORY);

        MemoryJobSnapshot stopped = (MemoryJobSnapshot) jobs.stop(job.id());
        assertThat(stopped.status()).isEqualTo(JobStatus.STOPPED);
        assertThat(stopped.heldBytes()).isZero();
        assertThat(budget.heldBytes()).isZero();
    }

    @Test
    void aMemoryJobOverTheBudgetIsRefusedAndNothingIsRegistered() {
        assertThatThrownBy(() -> jobs.startMemory(new MemoryJobSpec(100, 10)))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("memory budget exceeded: requested 100 MB, held 0 MB, limit 64 MB");
        assertThat(jobs.list()).isEmpty();
    }

    @Test
    void cpuWorkersBeyondTheLimitAreRefusedWithoutDisturbingTheRunningJob() {
        CpuJobSnapshot running = jobs.startCpu(new CpuJobSpec(1, 60, 1));

        assertThatThrownBy(() -> jobs.startCpu(new CpuJobSpec(1, 60, 1)))
                .isInstanceOfSatisfying(LimitExceededException.class,
                        e -> assertThat(e.limit()).isEqualTo(LimitExceededException.Limit.CPU_WORKERS))
                .hasMessage("CPU worker limit reached: requested 1 cores, 1 already busy, limit 1");
        assertThat(jobs.get(running.id()).status()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void jobsBeyondTheConcurrencyLimitAreRefused() {
        for (int i = 0; i < 3; i++) {
            jobs.startMemory(new MemoryJobSpec(10, 600));
        }
        assertThatThrownBy(() -> jobs.startMemory(new MemoryJobSpec(10, 600)))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("concurrent job limit reached: 3 jobs running, limit 3");
    }

    @Test
    void listsAreNewestFirstAndFilteredByType() {
        String memory = jobs.startMemory(new MemoryJobSpec(10, 600)).id();
        String cpu = jobs.startCpu(new CpuJobSpec(1, 60, 1)).id();

        assertThat(jobs.list()).extracting(JobSnapshot::id).containsExactly(cpu, memory);
        assertThat(jobs.list(JobType.CPU)).extracting(JobSnapshot::id).containsExactly(cpu);
        assertThat(jobs.runningJobs()).isEqualTo(2);
        assertThat(jobs.activeCpuWorkers()).isEqualTo(1);
    }

    @Test
    void stopAllStopsEveryRunningJobAndCountsThem() {
        jobs.startMemory(new MemoryJobSpec(10, 600));
        jobs.startCpu(new CpuJobSpec(1, 60, 1));

        assertThat(jobs.stopAll()).isEqualTo(2);
        assertThat(jobs.list()).allSatisfy(job -> assertThat(job.status()).isEqualTo(JobStatus.STOPPED));
        assertThat(jobs.stopAll()).isZero();
        assertThat(budget.heldBytes()).isZero();
        assertThat(liveWorkerThreads()).isZero();
    }

    @Test
    void finishedJobsAreForgottenBeyondTheHistoryLimit() {
        for (int i = 0; i < 5; i++) {
            jobs.stop(jobs.startMemory(new MemoryJobSpec(10, 600)).id());
        }
        assertThat(jobs.list()).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void anUnknownIdIsReportedAsSuch() {
        assertThatThrownBy(() -> jobs.get("job_nope")).isInstanceOf(UnknownJobException.class)
                .hasMessage("no job with id 'job_nope'");
        assertThatThrownBy(() -> jobs.stop("job_nope")).isInstanceOf(UnknownJobException.class);
    }

    @Test
    void aClosedRegistryRefusesNewJobs() {
        jobs.close();
        assertThatThrownBy(() -> jobs.startCpu(new CpuJobSpec(1, 10, 1))).isInstanceOf(io.loadharness.core.HarnessClosedException.class);
    }

    static long liveWorkerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("loadharness-") && t.isAlive())
                .count();
    }
}
