package io.loadharness.core.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FanOutResultTest {

    private static final long MS = 1_000_000L;

    @Test
    void percentilesAreExactNearestRankOverEverySuccessfulSample() {
        List<CallSample> samples = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            samples.add(new CallSample(CallOutcome.OK, 200, i % 4 == 0 ? "pod-b" : "pod-a", i * MS, 0));
        }
        FanOutResult result = FanOutResult.aggregate(100, samples, 2_000 * MS, false);

        LatencyStats latency = result.latency();
        assertThat(latency.count()).isEqualTo(100);
        assertThat(latency.minMs()).isEqualTo(1.0);
        assertThat(latency.p50Ms()).isEqualTo(50.0);
        assertThat(latency.p90Ms()).isEqualTo(90.0);
        assertThat(latency.p95Ms()).isEqualTo(95.0);
        assertThat(latency.p99Ms()).isEqualTo(99.0);
        assertThat(latency.maxMs()).isEqualTo(100.0);
        assertThat(latency.avgMs()).isEqualTo(50.5);
        assertThat(result.throughputRps()).isEqualTo(50.0);
        assertThat(result.wallMs()).isEqualTo(2_000.0);
    }

    @Test
    void podsAreCountedAndSortedMostFirstWithTheirShareAndLatency() {
        List<CallSample> samples = List.of(
                new CallSample(CallOutcome.OK, 200, "pod-b", 10 * MS, 0),
                new CallSample(CallOutcome.OK, 200, "pod-a", 20 * MS, 0),
                new CallSample(CallOutcome.OK, 200, "pod-b", 30 * MS, 0),
                new CallSample(CallOutcome.HTTP_STATUS, 503, "pod-b", 2 * MS, 0));
        FanOutResult result = FanOutResult.aggregate(4, samples, 100 * MS, false);

        assertThat(result.pods()).containsExactly(
                new PodShare("pod-b", 3, 0.75, 14.0),
                new PodShare("pod-a", 1, 0.25, 20.0));
        assertThat(result.uniquePods()).isEqualTo(2);
    }

    @Test
    void failuresAreCountedByKindAndStatus() {
        List<CallSample> samples = List.of(
                new CallSample(CallOutcome.OK, 200, "pod-a", MS, 0),
                new CallSample(CallOutcome.HTTP_STATUS, 500, "pod-a", MS, 0),
                new CallSample(CallOutcome.HTTP_STATUS, 500, "pod-a", MS, 0),
                new CallSample(CallOutcome.HTTP_STATUS, 429, "pod-a", MS, 0),
                new CallSample(CallOutcome.TIMEOUT, 0, null, MS, 0),
                new CallSample(CallOutcome.CONNECTION_ERROR, 0, null, MS, 0));
        FanOutResult result = FanOutResult.aggregate(10, samples, 10 * MS, true);

        assertThat(result.requested()).isEqualTo(10);
        assertThat(result.sent()).isEqualTo(6);
        assertThat(result.succeeded()).isEqualTo(1);
        assertThat(result.failed()).isEqualTo(5);
        assertThat(result.failuresByKind()).containsExactly(
                java.util.Map.entry("http_status", 3L), java.util.Map.entry("timeout", 1L),
                java.util.Map.entry("connection_error", 1L));
        assertThat(result.failuresByStatus()).containsExactly(java.util.Map.entry(429, 1L), java.util.Map.entry(500, 2L));
        assertThat(result.latency().count()).isEqualTo(1);
        assertThat(result.cancelled()).isTrue();
    }

    @Test
    void noSuccessMeansEmptyLatencyNotADivisionByZero() {
        FanOutResult result = FanOutResult.aggregate(1,
                List.of(new CallSample(CallOutcome.CONNECTION_ERROR, 0, null, MS, 0)), MS, false);
        assertThat(result.latency()).isEqualTo(LatencyStats.EMPTY);
        assertThat(result.pods()).isEmpty();
    }
}
