package io.loadharness.benchmarks.cpu;

import io.loadharness.core.cpu.BurnResult;
import io.loadharness.core.cpu.CpuWork;
import io.loadharness.core.params.BurnSpec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The one-shot burn's overshoot past its deadline: the wall time of a 1 ms {@link CpuWork#burn}
 * sampled call by call, against a loop that does nothing but read {@link System#nanoTime()} until
 * the same 1 ms deadline (the tightest a deadline loop can be). The report subtracts the 1 ms.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BurnBenchmark {

    /** The burn's duration: the shortest a burn may ask for, so the overshoot weighs most. */
    static final int DURATION_MS = 1;

    /** The complexity under test. */
    @State(Scope.Thread)
    public static class Complexity {
        @Param({"1", "5", "10"})
        public int complexity;
    }

    /**
     * @param state complexity
     * @return the burn's result
     */
    @Benchmark
    public BurnResult burn(Complexity state) {
        return CpuWork.burn(new BurnSpec(DURATION_MS, state.complexity));
    }

    /**
     * The baseline: spin on the clock alone until the same deadline.
     *
     * @return the last clock reading
     */
    @Benchmark
    public long baselineClockSpin() {
        long deadline = System.nanoTime() + DURATION_MS * 1_000_000L;
        long now;
        do {
            now = System.nanoTime();
        } while (now < deadline);
        return now;
    }
}
