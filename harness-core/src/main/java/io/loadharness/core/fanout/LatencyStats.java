package io.loadharness.core.fanout;

import java.util.Arrays;

/**
 * Latency of a set of calls, exact from every sample (no histogram buckets), in milliseconds.
 * Percentiles use the nearest-rank method: p is the smallest sample with at least p% of samples at
 * or below it.
 *
 * @param count calls measured; when 0 every other field is 0
 * @param minMs fastest
 * @param avgMs mean
 * @param p50Ms median
 * @param p90Ms 90th percentile
 * @param p95Ms 95th percentile
 * @param p99Ms 99th percentile
 * @param maxMs slowest
 */
public record LatencyStats(int count, double minMs, double avgMs, double p50Ms, double p90Ms, double p95Ms,
                           double p99Ms, double maxMs) {

    /** No samples. */
    public static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * Computes the statistics; sorts a copy, so the input is left as it is.
     *
     * @param latencyNanos one latency per call, in nanoseconds
     * @return the statistics, or {@link #EMPTY}
     */
    public static LatencyStats of(long[] latencyNanos) {
        int n = latencyNanos.length;
        if (n == 0) {
            return EMPTY;
        }
        long[] sorted = latencyNanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long value : sorted) {
            sum += value;
        }
        return new LatencyStats(n, ms(sorted[0]), sum / n / 1e6, ms(rank(sorted, 50)), ms(rank(sorted, 90)),
                ms(rank(sorted, 95)), ms(rank(sorted, 99)), ms(sorted[n - 1]));
    }

    /**
     * @param sorted     samples in ascending order, at least one
     * @param percentile 0-100
     * @return the nearest-rank percentile
     */
    static long rank(long[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.clamp(index, 0, sorted.length - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
