package io.loadharness.benchmarks.fanout;

import io.loadharness.core.fanout.CallOutcome;
import io.loadharness.core.fanout.CallSample;
import io.loadharness.core.fanout.FanOutResult;
import io.loadharness.core.fanout.LatencyStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Exact percentile aggregation of 10,000 samples, in microseconds: {@link LatencyStats#of} on raw
 * latencies and {@link FanOutResult#aggregate} on call samples from 10 pods, against copying and
 * sorting the same 10,000 latencies, the floor of any exact percentile.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PercentileBenchmark {

    /** Samples per aggregation. */
    static final int SAMPLES = 10_000;

    /** Log-normal latencies around 2 ms, as a fan-out over a network would see them. */
    @State(Scope.Thread)
    public static class Samples {
        long[] latencies;
        List<CallSample> calls;

        /** Draws the samples once; every invocation aggregates the same ones. */
        @Setup(Level.Trial)
        public void draw() {
            SplittableRandom random = new SplittableRandom(42);
            latencies = new long[SAMPLES];
            calls = new ArrayList<>(SAMPLES);
            long end = System.nanoTime();
            for (int i = 0; i < SAMPLES; i++) {
                double gaussian = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
                latencies[i] = (long) (2_000_000 * Math.exp(0.5 * gaussian));
                end += latencies[i] / 50;
                calls.add(new CallSample(CallOutcome.OK, 200, "pod-" + random.nextInt(10), latencies[i], end));
            }
        }
    }

    /**
     * @param samples the latencies
     * @return the statistics
     */
    @Benchmark
    public LatencyStats latencyStats(Samples samples) {
        return LatencyStats.of(samples.latencies);
    }

    /**
     * @param samples the call samples
     * @return the aggregate
     */
    @Benchmark
    public FanOutResult aggregate(Samples samples) {
        return FanOutResult.aggregate(SAMPLES, samples.calls, 1_000_000_000L, false);
    }

    /**
     * The baseline: copy and sort the latencies.
     *
     * @param samples the latencies
     * @return the sorted copy
     */
    @Benchmark
    public long[] baselineSortCopy(Samples samples) {
        long[] sorted = samples.latencies.clone();
        Arrays.sort(sorted);
        return sorted;
    }
}
