package io.loadharness.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loadharness.core.cpu.CpuWork;
import io.loadharness.core.fanout.CallResult;
import io.loadharness.core.fanout.FanOutResult;
import io.loadharness.core.fanout.FanOutRun;
import io.loadharness.core.jobs.JobStatus;
import io.loadharness.core.memory.MemoryReport;
import io.loadharness.core.params.BurnSpec;
import io.loadharness.core.params.CpuJobSpec;
import io.loadharness.core.params.FanOutSpec;
import io.loadharness.core.params.MemoryHoldSpec;
import io.loadharness.core.params.MemoryJobSpec;
import io.loadharness.core.params.WorkSpec;
import io.loadharness.core.system.SystemInfo;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class LoadHarnessTest {

    private static final long MB = 1L << 20;

    private static LoadHarness harness() {
        return LoadHarness.builder()
                .podName("test-pod")
                .limits(Limits.builder().memoryBudgetBytes(256 * MB).build())
                .build();
    }

    @Test
    void closeStopsEveryJobFanOutAndHoldAndLeavesNoThreadBehind() throws Exception {
        LoadHarness harness = harness();
        harness.startCpuJob(new CpuJobSpec(1, 60, 2));
        harness.startMemoryJob(new MemoryJobSpec(20, 600));
        FanOutRun run = harness.startFanOut(new FanOutSpec(2, 1_000, 10_000), (iterations, timeout) -> {
            Thread.sleep(50);
            return CallResult.ok("test-pod");
        });
        CompletableFuture<MemoryReport> hold = CompletableFuture.supplyAsync(() -> {
            try {
                return harness.holdMemory(new MemoryHoldSpec(20, 10_000));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitHeld(harness, 40 * MB);

        long closeAt = System.nanoTime();
        harness.close();

        assertThat(Duration.ofNanos(System.nanoTime() - closeAt)).isLessThan(Duration.ofSeconds(2));
        assertThat(harness.jobs()).allSatisfy(job -> assertThat(job.status()).isEqualTo(JobStatus.STOPPED));
        assertThat(run.isDone()).isTrue();
        assertThat(hold.get().heldMs()).isLessThan(9_000.0);
        assertThat(harness.heldMemoryBytes()).isZero();
        assertThat(harness.runningJobs()).isZero();
        assertThat(harness.runningFanOuts()).isZero();
        assertThat(liveHarnessThreads()).isZero();
        assertThatThrownBy(() -> harness.burn(new BurnSpec(1, 1))).isInstanceOf(HarnessClosedException.class);
    }

    @Test
    void closeReturnsOnlyOnceEveryHoldInFlightHasFreedItsMemory() throws Exception {
        for (int round = 0; round < 5; round++) {
            LoadHarness harness = harness();
            CompletableFuture<MemoryReport> hold = CompletableFuture.supplyAsync(() -> {
                try {
                    return harness.holdMemory(new MemoryHoldSpec(100, 10_000));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitHeld(harness, 100 * MB);

            harness.close();

            // No wait for the hold's own thread: the memory must already be free when close() returns.
            assertThat(harness.heldMemoryBytes()).as("held right after close, round %d", round).isZero();
            assertThat(hold.get().heldMs()).isLessThan(9_000.0);
        }
    }

    @Test
    void aFanOutOverAnInProcessTransportDoesRealWork() throws InterruptedException {
        try (LoadHarness harness = harness()) {
            FanOutResult result = harness.fanOut(new FanOutSpec(4, 10_000, 40), (iterations, timeout) -> {
                CpuWork.work(new WorkSpec(iterations));
                return CallResult.ok(harness.podName());
            });
            assertThat(result.succeeded()).isEqualTo(40);
            assertThat(result.pods()).singleElement().satisfies(pod -> assertThat(pod.pod()).isEqualTo("test-pod"));
        }
    }

    @Test
    void systemInfoReportsThisProcess() {
        try (LoadHarness harness = harness()) {
            SystemInfo info = harness.systemInfo();
            assertThat(info.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(info.heapMaxBytes()).isPositive();
            assertThat(info.physicalMemoryBytes()).isPositive();
            assertThat(info.javaVersion()).isEqualTo(Runtime.version().toString());
            assertThat(info.uptime()).isPositive();
            assertThat(harness.podName()).isEqualTo("test-pod");
        }
    }

    @Test
    void limitsRejectValuesOutOfRangeNamingTheField() {
        assertThatThrownBy(() -> Limits.builder().maxCpuWorkers(0).build())
                .hasMessageStartingWith("max_cpu_workers must be between 1 and");
        assertThatThrownBy(() -> Limits.builder().memoryBudgetBytes(10).build())
                .hasMessageStartingWith("memory_budget_bytes must be between");
    }

    private static void awaitHeld(LoadHarness harness, long bytes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (harness.heldMemoryBytes() < bytes && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(harness.heldMemoryBytes()).isGreaterThanOrEqualTo(bytes);
    }

    private static long liveHarnessThreads() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        long live;
        do {
            live = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("loadharness-") && t.isAlive()).count();
            if (live > 0) {
                Thread.sleep(20);
            }
        } while (live > 0 && System.nanoTime() < deadline);
        return live;
    }
}
