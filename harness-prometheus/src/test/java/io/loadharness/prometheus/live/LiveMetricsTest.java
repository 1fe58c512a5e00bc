package io.loadharness.prometheus.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loadharness.prometheus.PrometheusClient;
import io.loadharness.prometheus.StubPrometheus;
import io.loadharness.prometheus.StubPrometheus.Answer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class LiveMetricsTest {

    /** One stand-in query per figure, so the stub can tell them apart. */
    private static final QueryProfile PROFILE = QueryProfile.local()
            .query(Metric.CPU, "cpu").query(Metric.MEMORY, "memory").query(Metric.PODS, "pods")
            .query(Metric.REQUEST_RATE, "rate").query(Metric.RESPONSE_TIME, "latency").podLimitQuery("pods_max")
            .cores(2).memoryBytes(1L << 30).build();

    private static final Map<String, Double> HEALTHY = Map.of("cpu", 78.34, "memory", 32.0, "pods", 3.0,
            "pods_max", 5.0, "rate", 45.24, "latency", 125.4);

    private final TestClock clock = new TestClock();

    private static Function<StubPrometheus.Request, Answer> healthy() {
        return request -> Answer.ok(StubPrometheus.vector(HEALTHY.get(request.query())));
    }

    private LiveMetrics.Builder live(URI url, Duration timeout) {
        return LiveMetrics.builder().prometheus(PrometheusClient.builder().url(url).timeout(timeout).build())
                .profile(PROFILE).clock(clock);
    }

    private static URI refusedUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    @Test
    void snapshotShowsEveryFigureWithItsUnitAndThePodMaximum() throws IOException {
        try (StubPrometheus stub = new StubPrometheus(healthy());
             LiveMetrics live = live(stub.url(), Duration.ofSeconds(2)).build()) {
            MetricsSnapshot snapshot = live.snapshot();

            assertThat(snapshot.source()).isEqualTo(Source.PROMETHEUS);
            assertThat(snapshot.note()).isEmpty();
            assertThat(snapshot.takenAt()).isEqualTo(clock.instant());
            assertThat(snapshot.all()).extracting(Figure::display)
                    .containsExactly("78.3 %", "32.0 %", "3/5", "45.2 req/s", "125 ms");
            assertThat(snapshot.pods()).isEqualTo(new Reading(Metric.PODS, 3, OptionalDouble.of(5)));
            assertThat(stub.requests()).extracting(StubPrometheus.Request::query)
                    .containsExactlyInAnyOrder("cpu", "memory", "pods", "pods_max", "rate", "latency");
        }
    }

    @Test
    void snapshotQueriesRunConcurrentlySoItTakesAboutTheSlowestQuery() throws IOException {
        Function<StubPrometheus.Request, Answer> slow = request -> healthy().apply(request).after(Duration.ofMillis(300));
        try (StubPrometheus stub = new StubPrometheus(slow);
             LiveMetrics live = live(stub.url(), Duration.ofSeconds(3)).build()) {
            long start = System.nanoTime();
            MetricsSnapshot snapshot = live.snapshot();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(snapshot.all()).allMatch(Figure::available);
            assertThat(stub.requestCount()).isEqualTo(6);
            // Six queries of 300 ms each: 1.8 s one after another.
            assertThat(took).isLessThan(Duration.ofSeconds(1));
            assertThat(snapshot.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(290)).isLessThanOrEqualTo(took);
        }
    }

    @Test
    void oneFailingQueryShowsADashWhileTheOthersShow() throws IOException {
        String badData = StubPrometheus.error("bad_data", "1:1: parse error: unexpected identifier");
        try (StubPrometheus stub = new StubPrometheus(request -> request.query().equals("memory")
                ? new Answer(400, badData, Duration.ZERO) : healthy().apply(request));
             LiveMetrics live = live(stub.url(), Duration.ofSeconds(2)).fallback(new CountingStats()).build()) {
            MetricsSnapshot snapshot = live.snapshot();

            assertThat(snapshot.source()).isEqualTo(Source.PROMETHEUS);
            assertThat(snapshot.memory()).isEqualTo(new Unavailable(Metric.MEMORY, FailureKind.PROMETHEUS_ERROR,
                    "Prometheus error bad_data: 1:1: parse error: unexpected identifier"));
            assertThat(snapshot.memory().display()).isEqualTo("-");
            assertThat(snapshot.all()).filteredOn(Figure::available).extracting(Figure::metric)
                    .containsExactly(Metric.CPU, Metric.PODS, Metric.REQUEST_RATE, Metric.RESPONSE_TIME);
        }
    }

    @Test
    void emptyNanAndManySeriesAnswersAreClassified() throws IOException {
        try (StubPrometheus stub = new StubPrometheus(request -> Answer.ok(switch (request.query()) {
            case "cpu" -> StubPrometheus.vector(10, 20);
            case "rate" -> StubPrometheus.vector();
            case "latency" -> StubPrometheus.vector(Double.NaN);
            case "pods_max" -> StubPrometheus.error("execution", "boom");
            default -> StubPrometheus.vector(HEALTHY.get(request.query()));
        })); LiveMetrics live = live(stub.url(), Duration.ofSeconds(2)).build()) {
            MetricsSnapshot snapshot = live.snapshot();

            assertThat(snapshot.cpu()).isInstanceOfSatisfying(Unavailable.class, failure -> {
                assertThat(failure.kind()).isEqualTo(FailureKind.NOT_A_SINGLE_NUMBER);
                assertThat(failure.reason()).contains("2 series").contains("sum(...)");
            });
            assertThat(snapshot.requestRate()).isInstanceOfSatisfying(Unavailable.class,
                    failure -> assertThat(failure.kind()).isEqualTo(FailureKind.NO_DATA));
            assertThat(snapshot.responseTime()).isEqualTo(new Unavailable(Metric.RESPONSE_TIME, FailureKind.NO_DATA,
                    "no requests in the last 1m to average"));
            assertThat(snapshot.pods().display()).as("a failed maximum leaves the count alone").isEqualTo("3");
        }
    }

    @Test
    void snapshotIsReusedWithinTheTtlAndReadAgainAfterIt() throws IOException {
        try (StubPrometheus stub = new StubPrometheus(healthy());
             LiveMetrics live = live(stub.url(), Duration.ofSeconds(2)).cacheTtl(Duration.ofSeconds(2)).build()) {
            MetricsSnapshot first = live.snapshot();
            clock.advance(Duration.ofMillis(1999));
            MetricsSnapshot second = live.snapshot();

            assertThat(second).isSameAs(first);
            assertThat(stub.requestCount()).isEqualTo(6);

            clock.advance(Duration.ofMillis(1));
            MetricsSnapshot third = live.snapshot();

            assertThat(third).isNotSameAs(first);
            assertThat(third.takenAt()).isEqualTo(first.takenAt().plusSeconds(2));
            assertThat(stub.requestCount()).isEqualTo(12);
        }
    }

    @Test
    void concurrentCallersShareOneInFlightQuerySet() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Function<StubPrometheus.Request, Answer> held = request -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return healthy().apply(request);
        };
        try (StubPrometheus stub = new StubPrometheus(held);
             LiveMetrics live = live(stub.url(), Duration.ofSeconds(10)).cacheTtl(Duration.ZERO).build()) {
            int callers = 16;
            List<MetricsSnapshot> seen = Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                threads.add(Thread.ofPlatform().start(() -> seen.add(live.snapshot())));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!threads.stream().allMatch(thread -> thread.getState() == Thread.State.WAITING)
                    || stub.requestCount() < 6) {
                assertThat(System.nanoTime()).as("all callers waiting for the queries").isLessThan(deadline);
                Thread.sleep(10);
            }
            release.countDown();
            for (Thread thread : threads) {
                thread.join(10_000);
            }

            assertThat(seen).hasSize(callers);
            assertThat(seen).allMatch(snapshot -> snapshot == seen.getFirst());
            assertThat(stub.requestCount()).isEqualTo(6);
        }
    }

    @Test
    void unreachablePrometheusFallsBackToThisProcess() throws IOException {
        CountingStats stats = new CountingStats();
        try (LiveMetrics live = live(refusedUrl(), Duration.ofSeconds(2)).fallback(stats).build()) {
            MetricsSnapshot first = live.snapshot();

            assertThat(first.source()).isEqualTo(Source.LOCAL);
            assertThat(first.note()).hasValueSatisfying(note -> assertThat(note)
                    .startsWith("Prometheus unreachable: ").endsWith("showing this process only"));
            assertThat(first.pods().display()).isEqualTo("1/1");
            assertThat(first.memory()).isInstanceOfSatisfying(Reading.class,
                    memory -> assertThat(memory.value()).isBetween(0.01, 100.0));
            assertThat(first.cpu()).isInstanceOfSatisfying(Unavailable.class,
                    cpu -> assertThat(cpu.kind()).isEqualTo(FailureKind.NOT_MEASURED));

            stats.record(50, 2.5);
            clock.advance(Duration.ofSeconds(5));
            MetricsSnapshot second = live.snapshot();

            assertThat(second.source()).isEqualTo(Source.LOCAL);
            assertThat(second.requestRate()).isEqualTo(Reading.of(Metric.REQUEST_RATE, 10.0));
            assertThat(second.responseTime()).isEqualTo(Reading.of(Metric.RESPONSE_TIME, 50.0));
            assertThat(second.cpu()).isInstanceOfSatisfying(Reading.class,
                    cpu -> assertThat(cpu.value()).isGreaterThanOrEqualTo(0));
        }
    }

    @Test
    void afterAnOutagePrometheusIsAskedAgainOnlyAfterTheRetryInterval() throws IOException {
        try (StubPrometheus stub = new StubPrometheus(request -> new Answer(502, "Bad Gateway", Duration.ZERO));
             LiveMetrics live = live(stub.url(), Duration.ofSeconds(2)).fallback(new CountingStats())
                     .cacheTtl(Duration.ofSeconds(2)).retryAfter(Duration.ofSeconds(10)).build()) {
            assertThat(live.snapshot().source()).isEqualTo(Source.LOCAL);
            assertThat(live.snapshot().note()).hasValue("HTTP 502: Bad Gateway - showing this process only");
            assertThat(stub.requestCount()).isEqualTo(6);

            clock.advance(Duration.ofSeconds(5));
            assertThat(live.snapshot().source()).isEqualTo(Source.LOCAL);
            assertThat(live.history(Duration.ofMinutes(1)).source()).isEqualTo(Source.LOCAL);
            assertThat(stub.requestCount()).as("no queries within the retry interval").isEqualTo(6);

            stub.handler(healthy());
            clock.advance(Duration.ofSeconds(5));
            assertThat(live.snapshot().source()).isEqualTo(Source.PROMETHEUS);
            assertThat(stub.requestCount()).isEqualTo(12);
        }
    }

    @Test
    void withoutFallbackUnreachablePrometheusLeavesEveryFigureUnavailable() throws IOException {
        try (LiveMetrics live = live(refusedUrl(), Duration.ofSeconds(2)).build()) {
            MetricsSnapshot snapshot = live.snapshot();

            assertThat(snapshot.source()).isEqualTo(Source.PROMETHEUS);
            assertThat(snapshot.all()).allSatisfy(figure -> assertThat(figure)
                    .isInstanceOfSatisfying(Unavailable.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.UNREACHABLE)));
        }
    }

    @Test
    void historyIsOneRangeQueryPerFigureWithoutTheGaps() throws IOException {
        try (StubPrometheus stub = StubPrometheus.answering(StubPrometheus.matrix(1, 2, Double.NaN, 4));
             LiveMetrics live = live(stub.url(), Duration.ofSeconds(2)).build()) {
            MetricsHistory history = live.history(Duration.ofMinutes(5));

            assertThat(history.source()).isEqualTo(Source.PROMETHEUS);
            assertThat(history.end()).isEqualTo(clock.instant());
            assertThat(history.start()).isEqualTo(clock.instant().minusSeconds(300));
            assertThat(history.step()).as("300 s / 120 points, rounded up").isEqualTo(Duration.ofSeconds(3));
            for (Metric metric : Metric.values()) {
                assertThat(history.of(metric)).isInstanceOfSatisfying(Timeline.class, timeline -> assertThat(
                        timeline.points()).extracting(point -> point.value()).containsExactly(1.0, 2.0, 4.0));
            }
            assertThat(stub.requests()).hasSize(5).allSatisfy(request -> {
                assertThat(request.path()).isEqualTo("/api/v1/query_range");
                assertThat(request.form()).containsEntry("step", "3.000");
            });

            live.history(Duration.ofMinutes(5));
            assertThat(stub.requestCount()).as("cached like snapshots").isEqualTo(5);
        }
    }

    @Test
    void historyFallsBackToTheSamplesThisProcessTook() throws IOException {
        CountingStats stats = new CountingStats();
        try (LiveMetrics live = live(refusedUrl(), Duration.ofSeconds(2)).fallback(stats).build()) {
            for (int i = 0; i < 3; i++) {
                clock.advance(Duration.ofSeconds(5));
                stats.record(10, 0.1);
                live.snapshot();
            }
            MetricsHistory history = live.history(Duration.ofMinutes(1));

            assertThat(history.source()).isEqualTo(Source.LOCAL);
            assertThat(history.note()).isPresent();
            assertThat(history.of(Metric.REQUEST_RATE)).isInstanceOfSatisfying(Timeline.class, timeline -> assertThat(
                    timeline.points()).extracting(point -> point.value()).containsExactly(2.0, 2.0, 2.0));
            assertThat(history.of(Metric.RESPONSE_TIME)).isInstanceOfSatisfying(Timeline.class,
                    timeline -> assertThat(timeline.points()).hasSize(3)
                            .allSatisfy(point -> assertThat(point.value()).isCloseTo(10.0, Offset.offset(1e-9))));
        }
    }

    @Test
    void historyWindowOutOfRangeIsRejected() throws IOException {
        try (LiveMetrics live = live(refusedUrl(), Duration.ofSeconds(1)).build()) {
            assertThatThrownBy(() -> live.history(Duration.ofSeconds(9))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("window must be between 10 s and 24 h");
            assertThatThrownBy(() -> live.history(Duration.ofHours(25))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void environmentChoosesUrlAndProfile() {
        try (LiveMetrics local = LiveMetrics.fromEnvironment(Map.of("ENVIRONMENT", "local"), new CountingStats());
             LiveMetrics cluster = LiveMetrics.fromEnvironment(Map.of("ENVIRONMENT", "staging",
                     "LIVE_METRICS_NAMESPACE", "demo"), new CountingStats());
             LiveMetrics chosen = LiveMetrics.fromEnvironment(Map.of("PROMETHEUS_URL", "http://prom:9999",
                     "LIVE_METRICS_PROFILE", "local", "LIVE_METRICS_JOB", "harness"), new CountingStats())) {
            assertThat(local.prometheusUrl()).isEqualTo(URI.create("http://localhost:9090"));
            assertThat(local.profile().name()).isEqualTo("local");
            assertThat(cluster.prometheusUrl()).isEqualTo(PrometheusClient.IN_CLUSTER_URL);
            assertThat(cluster.profile().name()).isEqualTo("kubernetes");
            assertThat(cluster.profile().query(Metric.PODS)).contains("namespace=\"demo\"");
            assertThat(chosen.prometheusUrl()).isEqualTo(URI.create("http://prom:9999"));
            assertThat(chosen.profile().query(Metric.PODS)).isEqualTo("sum(up{job=\"harness\"})");
        }
    }

    @Test
    void closedLiveMetricsRefuseSnapshots() throws IOException {
        try (StubPrometheus stub = new StubPrometheus(healthy())) {
            LiveMetrics live = live(stub.url(), Duration.ofSeconds(1)).build();
            live.close();

            assertThatThrownBy(live::snapshot).isInstanceOf(IllegalStateException.class);
        }
    }
}
