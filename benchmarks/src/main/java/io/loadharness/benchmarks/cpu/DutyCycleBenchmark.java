package io.loadharness.benchmarks.cpu;

import io.loadharness.core.cpu.CpuWork;
import io.loadharness.core.cpu.DutyCycleWorker;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The duty-cycle scheduler's own overhead, in two parts.
 *
 * <ul>
 *   <li>Per period: a real {@link DutyCycleWorker} at target 0 runs {@value #PERIODS} periods on the
 *       benchmark thread, so all it does is its bookkeeping (clock reads, the controller, parking).
 *       The score is wall time per period (10 ms plus the wake-up lateness); the auxiliary counters
 *       {@code cpuNanos} and {@code periods} give the thread CPU time it used per period. The baseline
 *       parks until the same period ends and does nothing else.</li>
 *   <li>Per busy step: one step of the worker's busy loop (64 iterations of work, then a thread-CPU
 *       clock read and a wall clock read) against the same work without the clock reads.</li>
 * </ul>
 */
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class DutyCycleBenchmark {

    /** Periods per invocation of the per-period benchmarks. */
    static final int PERIODS = 10;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Thread CPU time and periods, summed over an iteration; the report divides one by the other. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class CpuCounters {
        public long cpuNanos;
        public long periods;

        /** Counters start from zero in every iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            cpuNanos = 0;
            periods = 0;
        }
    }

    /** A checksum the JIT cannot see as a constant. */
    @State(Scope.Thread)
    public static class Checksum {
        public long value = System.nanoTime();
    }

    /**
     * @param counters CPU time and periods
     * @return the worker's CPU time as it saw it
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @OperationsPerInvocation(PERIODS)
    public long idleWorkerPeriod(CpuCounters counters) {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        // Just under PERIODS periods, so the worker starts exactly PERIODS of them.
        DutyCycleWorker worker = new DutyCycleWorker(0.0, PERIODS * DutyCycleWorker.PERIOD_NANOS - 1_000_000L);
        worker.run();
        counters.cpuNanos += THREADS.getCurrentThreadCpuTime() - cpu0;
        counters.periods += PERIODS;
        return worker.cpuNanos();
    }

    /**
     * The baseline: park until each period's end, nothing else.
     *
     * @param counters CPU time and periods
     * @return the last clock reading
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @OperationsPerInvocation(PERIODS)
    public long baselineParkPeriod(CpuCounters counters) {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long now = 0;
        for (int i = 0; i < PERIODS; i++) {
            long periodEnd = System.nanoTime() + DutyCycleWorker.PERIOD_NANOS;
            long rest = periodEnd - System.nanoTime();
            if (rest > 0) {
                LockSupport.parkNanos(this, rest);
            }
            now = System.nanoTime();
        }
        counters.cpuNanos += THREADS.getCurrentThreadCpuTime() - cpu0;
        counters.periods += PERIODS;
        return now;
    }

    /**
     * One step of the worker's busy loop: work, then the two clock reads that decide whether to go on.
     *
     * @param checksum running checksum
     * @return the checksum plus the clock readings
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public long busyStep(Checksum checksum) {
        checksum.value = CpuWork.iterate(64, 5, checksum.value);
        return checksum.value + THREADS.getCurrentThreadCpuTime() + System.nanoTime();
    }

    /**
     * The baseline: the same work without the clock reads.
     *
     * @param checksum running checksum
     * @return the checksum
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public long baselineBusyStepWork(Checksum checksum) {
        checksum.value = CpuWork.iterate(64, 5, checksum.value);
        return checksum.value;
    }
}
