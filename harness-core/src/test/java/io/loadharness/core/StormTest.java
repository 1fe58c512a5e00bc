package io.loadharness.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadharness.core.jobs.JobStatus;
import io.loadharness.core.memory.MemoryReport;
import io.loadharness.core.params.CpuJobSpec;
import io.loadharness.core.params.MemoryHoldSpec;
import io.loadharness.core.params.MemoryJobSpec;
import io.loadharness.core.system.SystemProbe;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Request storms against the core: the host must stay within its limits and come back to its baseline. */
class StormTest {

    private static final long MB = 1L << 20;

    @Test
    @EnabledOnOs(OS.LINUX)
    void fiftyConcurrentFiveHundredMegabyteHoldsStayWithinTheBudget() throws Exception {
        long budget = 1_200 * MB;
        try (LoadHarness harness = LoadHarness.builder()
                .limits(Limits.builder().memoryBudgetBytes(budget).build()).build()) {
            AtomicLong maxHeld = new AtomicLong();
            AtomicBoolean storming = new AtomicBoolean(true);
            Thread watcher = Thread.ofPlatform().start(() -> {
                while (storming.get()) {
                    maxHeld.accumulateAndGet(harness.heldMemoryBytes(), Math::max);
                    Thread.onSpinWait();
                }
            });
            int refused = 0;
            int held = 0;
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<MemoryReport>> results = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    results.add(pool.submit(() -> harness.holdMemory(new MemoryHoldSpec(500, 300))));
                }
                for (Future<MemoryReport> result : results) {
                    try {
                        result.get();
                        held++;
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(LimitExceededException.class)
                                .hasMessageContaining("limit 1200 MB");
                        refused++;
                    }
                }
            } finally {
                storming.set(false);
                watcher.join();
            }

            assertThat(held).isPositive();
            assertThat(refused).isPositive();
            assertThat(held + refused).isEqualTo(50);
            assertThat(maxHeld.get()).isLessThanOrEqualTo(budget);
            assertThat(harness.heldMemoryBytes()).isZero();
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aThousandStartStopCyclesLeaveThreadsAndRssAtTheirBaseline() throws InterruptedException {
        try (LoadHarness harness = LoadHarness.builder()
                .limits(Limits.builder().memoryBudgetBytes(256 * MB).build()).build()) {
            // Warm up once so class loading and JIT do not count as growth.
            harness.stop(harness.startCpuJob(new CpuJobSpec(1, 10, 1)).id());
            harness.stop(harness.startMemoryJob(new MemoryJobSpec(10, 10)).id());
            int baseThreads = liveThreads();
            long baseRss = SystemProbe.rssBytes().orElseThrow();

            for (int i = 0; i < 500; i++) {
                harness.stop(harness.startCpuJob(new CpuJobSpec(1, 10, 5)).id());
                harness.stop(harness.startMemoryJob(new MemoryJobSpec(10, 10)).id());
            }

            assertThat(harness.jobs()).hasSizeLessThanOrEqualTo(harness.limits().finishedJobHistory())
                    .allSatisfy(job -> assertThat(job.status()).isEqualTo(JobStatus.STOPPED));
            assertThat(harness.runningJobs()).isZero();
            assertThat(liveThreads()).isLessThanOrEqualTo(baseThreads + 2);
            assertThat(SystemProbe.rssBytes().orElseThrow() - baseRss).isLessThan(64 * MB);
        }
    }

    private static int liveThreads() throws InterruptedException {
        Thread.sleep(100);
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }
}
