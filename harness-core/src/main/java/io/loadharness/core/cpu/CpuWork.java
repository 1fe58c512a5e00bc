package io.loadharness.core.cpu;

import io.loadharness.core.params.BurnSpec;
import io.loadharness.core.params.WorkSpec;

/**
 * The CPU work itself: an integer mixing kernel whose result feeds a checksum, so the JIT cannot
 * optimise it away, and the two one-shot loads built on it.
 *
 * <pre>{@code
 * BurnResult burn = CpuWork.burn(new BurnSpec(500, 5));     // ~500 ms on this thread
 * WorkResult work = CpuWork.work(new WorkSpec(500_000));    // fixed work, timed
 * }</pre>
 */
public final class CpuWork {

    /** Complexity of the fixed work unit; the default complexity of a burn. */
    public static final int WORK_COMPLEXITY = 5;

    /**
     * Rounds of mixing between two clock reads in a burn, divided by the complexity: about a
     * microsecond of work, so the clock costs a few percent and the overshoot stays in microseconds.
     */
    private static final int ROUNDS_PER_CHECK = 512;

    private CpuWork() {
    }

    /**
     * One iteration of work: {@code complexity} rounds of xorshift-multiply mixing.
     *
     * @param state      the running checksum
     * @param complexity rounds of mixing, 1-10
     * @return the new checksum
     */
    public static long mix(long state, int complexity) {
        long x = state;
        for (int round = 0; round < complexity; round++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            x *= 0x9E3779B97F4A7C15L;
        }
        return x;
    }

    /**
     * Runs {@code iterations} iterations of work at {@code complexity}.
     *
     * @param iterations iterations to run, at least 0
     * @param complexity rounds of mixing per iteration, 1-10
     * @param seed       starting checksum
     * @return the checksum after all iterations
     */
    public static long iterate(long iterations, int complexity, long seed) {
        long x = seed;
        for (long i = 0; i < iterations; i++) {
            x = mix(x + i, complexity);
        }
        return x;
    }

    /**
     * Keeps the calling thread busy for the spec's duration. The clock is read about once a
     * microsecond, so the burn ends within microseconds of its deadline.
     *
     * @param spec duration and complexity
     * @return the iterations done, the measured duration and the checksum
     */
    public static BurnResult burn(BurnSpec spec) {
        int complexity = spec.complexity();
        int chunk = Math.max(1, ROUNDS_PER_CHECK / complexity);
        long start = System.nanoTime();
        long deadline = start + spec.durationMs() * 1_000_000L;
        long iterations = 0;
        long checksum = start;
        long now;
        do {
            checksum = iterate(chunk, complexity, checksum + iterations);
            iterations += chunk;
            now = System.nanoTime();
        } while (now < deadline);
        return new BurnResult((now - start) / 1e6, iterations, complexity, checksum);
    }

    /**
     * Runs the spec's fixed amount of work at {@link #WORK_COMPLEXITY} and times it.
     *
     * @param spec the iterations
     * @return the iterations, the elapsed time and the checksum
     */
    public static WorkResult work(WorkSpec spec) {
        long start = System.nanoTime();
        long checksum = iterate(spec.iterations(), WORK_COMPLEXITY, start);
        return new WorkResult(spec.iterations(), (System.nanoTime() - start) / 1e6, checksum);
    }
}
