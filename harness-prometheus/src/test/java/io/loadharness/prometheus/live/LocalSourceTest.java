package io.loadharness.prometheus.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class LocalSourceTest {

    private final TestClock clock = new TestClock();
    private final AtomicLong cpuNanos = new AtomicLong(5_000_000_000L);
    private final CountingStats stats = new CountingStats();

    private LocalSource source(OptionalLong rss) {
        return new LocalSource(stats, 2, 1L << 30, Duration.ofMinutes(1), clock, cpuNanos::get, () -> rss);
    }

    @Test
    void cpuIsProcessCpuTimeOverElapsedTimeAndCores() {
        LocalSource source = source(OptionalLong.of(512L << 20));
        clock.advance(Duration.ofSeconds(2));
        cpuNanos.addAndGet(1_000_000_000L);

        MetricsSnapshot snapshot = source.snapshot("why");

        assertThat(snapshot.cpu()).as("1 s of CPU in 2 s on 2 cores").isEqualTo(Reading.of(Metric.CPU, 25.0));
        assertThat(snapshot.memory()).isEqualTo(Reading.of(Metric.MEMORY, 50.0));
        assertThat(snapshot.source()).isEqualTo(Source.LOCAL);
        assertThat(snapshot.note()).hasValue("why");
    }

    @Test
    void ratesCompareWithTheOldestSampleInsideTheRateWindow() {
        LocalSource source = source(OptionalLong.of(1L << 20));
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(20));
            stats.record(i == 0 ? 1000 : 20, i == 0 ? 100 : 0.2);
            source.snapshot("why");
        }
        // Samples at 0..100 s; the window of the next, at 120 s, starts at 60 s: 60 requests in 60 s.
        clock.advance(Duration.ofSeconds(20));
        stats.record(20, 0.2);

        MetricsSnapshot snapshot = source.snapshot("why");

        assertThat(snapshot.requestRate()).isEqualTo(Reading.of(Metric.REQUEST_RATE, 1.0));
        assertThat(((Reading) snapshot.responseTime()).value()).isCloseTo(10.0, Offset.offset(1e-9));
    }

    @Test
    void noEarlierSampleInsideTheRateWindowMeansNoRateYet() {
        LocalSource source = source(OptionalLong.of(1L << 20));
        clock.advance(Duration.ofMinutes(30));
        stats.record(100, 1);

        MetricsSnapshot late = source.snapshot("why");

        assertThat(List.of(late.cpu(), late.requestRate(), late.responseTime())).allSatisfy(figure -> assertThat(
                figure).isInstanceOfSatisfying(Unavailable.class, failure -> assertThat(failure.reason())
                .isEqualTo("no earlier local sample in the last 60 s to compare with; shown from the next refresh")));
        assertThat(late.memory().available()).isTrue();

        clock.advance(Duration.ofSeconds(10));
        stats.record(20, 0.5);

        assertThat(source.snapshot("why").requestRate()).isEqualTo(Reading.of(Metric.REQUEST_RATE, 2.0));
    }

    @Test
    void noRequestsMeansNoAverageAndUnreadableMemoryIsNotMeasured() {
        LocalSource source = source(OptionalLong.empty());
        clock.advance(Duration.ofSeconds(5));

        MetricsSnapshot snapshot = source.snapshot("why");

        assertThat(snapshot.requestRate()).isEqualTo(Reading.of(Metric.REQUEST_RATE, 0));
        assertThat(snapshot.responseTime()).isInstanceOfSatisfying(Unavailable.class,
                failure -> assertThat(failure.kind()).isEqualTo(FailureKind.NO_DATA));
        assertThat(snapshot.memory()).isInstanceOfSatisfying(Unavailable.class,
                failure -> assertThat(failure.kind()).isEqualTo(FailureKind.NOT_MEASURED));
    }

    @Test
    void historyHoldsOnePointPerSnapshotInsideTheWindow() {
        LocalSource source = source(OptionalLong.of(256L << 20));
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(10));
            source.snapshot("why");
        }

        MetricsHistory history = source.history(clock.instant().minusSeconds(25), clock.instant(), "why");

        assertThat(history.of(Metric.MEMORY)).isInstanceOfSatisfying(Timeline.class, timeline -> {
            assertThat(timeline.points()).extracting(point -> point.value()).containsExactly(25.0, 25.0, 25.0);
            assertThat(timeline.points().getFirst().timestamp()).isEqualTo(clock.instant().minusSeconds(20));
        });
        assertThat(history.step()).isEqualTo(Duration.ofSeconds(10));
    }
}
