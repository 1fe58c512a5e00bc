package io.loadharness.examples.embedcore;

import io.loadharness.core.LoadHarness;
import io.loadharness.core.Limits;
import io.loadharness.core.cpu.CpuWork;
import io.loadharness.core.fanout.CallResult;
import io.loadharness.core.fanout.FanOutProgress;
import io.loadharness.core.fanout.FanOutResult;
import io.loadharness.core.fanout.FanOutRun;
import io.loadharness.core.fanout.LatencyStats;
import io.loadharness.core.fanout.PodShare;
import io.loadharness.core.fanout.Transport;
import io.loadharness.core.jobs.CpuJobSnapshot;
import io.loadharness.core.jobs.JobSnapshot;
import io.loadharness.core.memory.MemoryReport;
import io.loadharness.core.params.CpuJobSpec;
import io.loadharness.core.params.FanOutSpec;
import io.loadharness.core.params.MemoryHoldSpec;
import io.loadharness.core.params.WorkSpec;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives harness-core from a plain Java program, with no web server: a sustained CPU job whose
 * progress is printed and which is stopped early, a memory hold with its RSS report, and a fan-out
 * over an in-process {@link Transport} that pretends to be three pods.
 *
 * <pre>{@code
 * ./mvnw -q -pl examples/embed-core exec:java
 * }</pre>
 *
 * <p>The whole run takes about four seconds.
 */
public final class EmbedCore {

    /** The CPU job is asked for 10 s and stopped after this long, to show {@code stop(id)}. */
    static final Duration CPU_RUN = Duration.ofSeconds(3);
    /** Poll interval for the printed progress of the CPU job. */
    static final Duration POLL = Duration.ofMillis(500);
    /** Poll interval for the printed progress of the fan-out, which lasts about a second. */
    static final Duration FAN_OUT_POLL = Duration.ofMillis(200);
    /** The simulated pods the in-process transport spreads calls over, round-robin. */
    static final List<String> PODS = List.of("pod-a", "pod-b", "pod-c");

    static final CpuJobSpec CPU_JOB = new CpuJobSpec(1, 10, 5);
    static final MemoryHoldSpec MEMORY_HOLD = new MemoryHoldSpec(64, 500);
    static final FanOutSpec FAN_OUT = new FanOutSpec(4, 500_000, 120);

    private EmbedCore() {
    }

    /**
     * Runs the three steps and prints what happens to standard output.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting for a step
     */
    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /**
     * Runs the three steps, printing to {@code out}.
     *
     * @param out where progress and results are printed
     * @return what each step produced
     * @throws InterruptedException if interrupted while waiting for a step
     */
    static Outcome run(PrintStream out) throws InterruptedException {
        // Small ceilings: an embedder sets them to what its own process can spare.
        Limits limits = Limits.builder()
                .memoryBudgetBytes(256L << 20)
                .maxConcurrentJobs(2)
                .maxCpuWorkers(1)
                .fanOutCallTimeout(Duration.ofSeconds(2))
                .fanOutDeadline(Duration.ofSeconds(10))
                .build();
        try (LoadHarness harness = LoadHarness.builder().limits(limits).podName("embed-core").build()) {
            JobSnapshot cpu = cpuJob(harness, out);
            MemoryReport memory = memoryHold(harness, out);
            FanOutResult fanOut = fanOut(harness, out);
            return new Outcome(cpu, memory, fanOut);
        }
    }

    private static JobSnapshot cpuJob(LoadHarness harness, PrintStream out) throws InterruptedException {
        CpuJobSnapshot job = harness.startCpuJob(CPU_JOB);
        out.printf(Locale.ROOT, "cpu: started %s, %d core(s) at %d%% for %d s%n", job.id(), job.workersRequested(),
                Math.round(job.targetUtilization() * 100), CPU_JOB.durationSeconds());
        long stopAt = System.nanoTime() + CPU_RUN.toNanos();
        while (System.nanoTime() < stopAt) {
            Thread.sleep(POLL);
            CpuJobSnapshot now = (CpuJobSnapshot) harness.job(job.id());
            out.printf(Locale.ROOT, "cpu: %3.0f%% done, %4.1f s left, achieved %s%n", now.progress() * 100,
                    now.remainingSeconds(), percent(now.achievedUtilization()));
        }
        JobSnapshot stopped = harness.stop(job.id());
        out.printf(Locale.ROOT, "cpu: %s after %3.0f%% of its duration%n", stopped.status().wireName(),
                stopped.progress() * 100);
        return stopped;
    }

    private static MemoryReport memoryHold(LoadHarness harness, PrintStream out) throws InterruptedException {
        out.printf(Locale.ROOT, "memory: holding %d MB for %d ms%n", MEMORY_HOLD.sizeMb(), MEMORY_HOLD.durationMs());
        MemoryReport report = harness.holdMemory(MEMORY_HOLD);
        out.printf(Locale.ROOT, "memory: RSS before %s, peak %s, after %s; allocated in %.0f ms, held %.0f ms%n",
                mb(report.rssBefore()), mb(report.rssPeak()), mb(report.rssAfter()), report.allocationMs(),
                report.heldMs());
        return report;
    }

    private static FanOutResult fanOut(LoadHarness harness, PrintStream out) throws InterruptedException {
        AtomicLong calls = new AtomicLong();
        // In-process "pods": each call does the work a pod would and reports which pod it was.
        Transport local = (iterations, timeout) -> {
            CpuWork.work(new WorkSpec(iterations));
            return CallResult.ok(PODS.get((int) (calls.getAndIncrement() % PODS.size())));
        };
        FanOutRun run = harness.startFanOut(FAN_OUT, local);
        out.printf(Locale.ROOT, "fan-out: %d calls, %d in flight, %d iterations each%n", FAN_OUT.requests(),
                FAN_OUT.concurrency(), FAN_OUT.iterations());
        FanOutResult result;
        while ((result = run.await(FAN_OUT_POLL)) == null) {
            FanOutProgress progress = run.progress();
            out.printf(Locale.ROOT, "fan-out: %d/%d done, %.0f req/s%n", progress.done(), progress.total(),
                    progress.currentRps());
        }
        LatencyStats latency = result.latency();
        out.printf(Locale.ROOT, "fan-out: %d ok, %d failed in %.0f ms (%.0f req/s); p50 %.2f ms, p99 %.2f ms%n",
                result.succeeded(), result.failed(), result.wallMs(), result.throughputRps(), latency.p50Ms(),
                latency.p99Ms());
        for (PodShare pod : result.pods()) {
            out.printf(Locale.ROOT, "fan-out: %s served %d (%.0f%%)%n", pod.pod(), pod.requests(), pod.share() * 100);
        }
        return result;
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    private static String mb(OptionalLong bytes) {
        return bytes.isPresent() ? String.format(Locale.ROOT, "%.0f MB", bytes.getAsLong() / (double) (1L << 20)) : "n/a";
    }

    /**
     * What the three steps produced.
     *
     * @param cpuJob  the CPU job after it was stopped
     * @param memory  the memory hold's RSS report
     * @param fanOut  the fan-out's aggregate
     */
    record Outcome(JobSnapshot cpuJob, MemoryReport memory, FanOutResult fanOut) {
    }
}
