package io.loadharness.benchmarks.cpu;

import io.loadharness.core.cpu.CpuWork;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Work per iteration of {@link CpuWork#iterate} at each complexity, in nanoseconds, against a bare
 * loop of the same length whose body is one multiply-add: the cost of the loop and the dependency
 * chain alone.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CpuWorkBenchmark {

    /** Iterations per call: long enough that the call itself costs nothing per iteration. */
    static final int ITERATIONS = 10_000;

    /** The complexity under test and a seed the JIT cannot see as a constant. */
    @State(Scope.Thread)
    public static class Complexity {
        @Param({"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"})
        public int complexity;
        public long seed = System.nanoTime();
    }

    /** A seed the JIT cannot see as a constant. */
    @State(Scope.Thread)
    public static class Seed {
        public long seed = System.nanoTime();
    }

    /**
     * @param state complexity and seed
     * @return the checksum
     */
    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    public long iterate(Complexity state) {
        return CpuWork.iterate(ITERATIONS, state.complexity, state.seed);
    }

    /**
     * The baseline: the same loop with one multiply-add as its body.
     *
     * @param state seed
     * @return the checksum
     */
    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    public long baselineLoop(Seed state) {
        long x = state.seed;
        for (long i = 0; i < ITERATIONS; i++) {
            x = x * 0x9E3779B97F4A7C15L + i;
        }
        return x;
    }
}
