package io.loadharness.core.fanout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The aggregate of a fan-out.
 *
 * @param requested        calls asked for
 * @param sent             calls actually started (fewer when cancelled or past the deadline)
 * @param succeeded        calls that succeeded
 * @param failed           calls that were sent and failed
 * @param failuresByKind   failed calls by {@link CallOutcome} wire name, e.g. {@code timeout}
 * @param failuresByStatus failed calls by HTTP status, for {@link CallOutcome#HTTP_STATUS}
 * @param wallMs           time from the first call to the last, in milliseconds
 * @param throughputRps    finished calls per second of wall time
 * @param latency          latency of the successful calls
 * @param pods             calls per pod that answered (successfully or with an HTTP status), most first
 * @param cancelled        whether the run was cancelled or hit its deadline before every call was sent
 */
public record FanOutResult(int requested, int sent, int succeeded, int failed, Map<String, Long> failuresByKind,
                           Map<Integer, Long> failuresByStatus, double wallMs, double throughputRps,
                           LatencyStats latency, List<PodShare> pods, boolean cancelled) {

    /**
     * Copies the maps and list.
     */
    public FanOutResult {
        failuresByKind = Collections.unmodifiableMap(new LinkedHashMap<>(failuresByKind));
        failuresByStatus = Collections.unmodifiableMap(new TreeMap<>(failuresByStatus));
        pods = List.copyOf(pods);
    }

    /**
     * Aggregates samples into a result; exact percentiles from every sample.
     *
     * @param requested calls asked for
     * @param samples   every finished call
     * @param wallNanos wall time of the run
     * @param cancelled whether the run ended before sending every call
     * @return the aggregate
     */
    public static FanOutResult aggregate(int requested, List<CallSample> samples, long wallNanos, boolean cancelled) {
        Map<CallOutcome, Long> byKind = new EnumMap<>(CallOutcome.class);
        Map<Integer, Long> byStatus = new HashMap<>();
        Map<String, long[]> byPod = new HashMap<>();
        long[] okLatencies = new long[samples.size()];
        int ok = 0;
        for (CallSample sample : samples) {
            if (sample.outcome() == CallOutcome.OK) {
                okLatencies[ok++] = sample.latencyNanos();
            } else {
                byKind.merge(sample.outcome(), 1L, Long::sum);
                if (sample.outcome() == CallOutcome.HTTP_STATUS) {
                    byStatus.merge(sample.statusCode(), 1L, Long::sum);
                }
            }
            if (sample.pod() != null) {
                long[] podStats = byPod.computeIfAbsent(sample.pod(), p -> new long[2]);
                podStats[0]++;
                podStats[1] += sample.latencyNanos();
            }
        }
        long answered = byPod.values().stream().mapToLong(s -> s[0]).sum();
        List<PodShare> pods = new ArrayList<>();
        byPod.forEach((pod, s) -> pods.add(new PodShare(pod, s[0], (double) s[0] / answered, s[1] / 1e6 / s[0])));
        pods.sort(Comparator.comparingLong(PodShare::requests).reversed().thenComparing(PodShare::pod));
        Map<String, Long> kinds = new LinkedHashMap<>();
        byKind.forEach((kind, count) -> kinds.put(kind.wireName(), count));
        double wallSeconds = wallNanos / 1e9;
        return new FanOutResult(requested, samples.size(), ok, samples.size() - ok, kinds, byStatus, wallNanos / 1e6,
                wallSeconds > 0 ? samples.size() / wallSeconds : 0, LatencyStats.of(Arrays.copyOf(okLatencies, ok)),
                pods, cancelled);
    }

    /**
     * @return how many distinct pods answered
     */
    public int uniquePods() {
        return pods.size();
    }
}
