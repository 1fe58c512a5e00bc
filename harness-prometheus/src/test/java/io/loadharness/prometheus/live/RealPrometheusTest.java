package io.loadharness.prometheus.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.loadharness.http.HarnessServer;
import io.loadharness.http.HarnessSettings;
import io.loadharness.prometheus.PrometheusClient;
import io.loadharness.prometheus.QueryError;
import io.loadharness.prometheus.QueryResult;
import io.loadharness.prometheus.QuerySuccess;
import io.loadharness.prometheus.ResultData;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: {@code /usr/bin/prometheus} scraping two harness-http servers (pods {@code harness-a} and
 * {@code harness-b}) every second, queried through {@link LiveMetrics} with the {@code local} profile.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealPrometheusTest {

    private static final System.Logger LOG = System.getLogger(RealPrometheusTest.class.getName());
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final List<HarnessServer> servers = new ArrayList<>();
    private final AtomicBoolean driving = new AtomicBoolean(true);
    private final AtomicLong driven = new AtomicLong();
    private Thread driver;
    private Process prometheus;
    private Path log;
    private PrometheusClient client;

    @BeforeAll
    void startHarnessesAndPrometheus(@TempDir Path dir) throws Exception {
        if (!Files.isExecutable(PROMETHEUS)) {
            fail(PROMETHEUS + " is missing: install the Debian package 'prometheus' (as .ci/run does)");
        }
        for (String pod : List.of("harness-a", "harness-b")) {
            servers.add(HarnessServer.builder().settings(HarnessSettings.builder().host("127.0.0.1").port(0)
                    .podName(pod).environment("local").build()).build().start());
        }
        int port = freePort();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: load-harness
                    static_configs:
                      - targets: ['127.0.0.1:%d', '127.0.0.1:%d']
                """.formatted(servers.get(0).port(), servers.get(1).port()));
        log = dir.resolve("prometheus.log");
        prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                "--web.listen-address=127.0.0.1:" + port, "--storage.tsdb.path=" + dir.resolve("data"),
                "--storage.tsdb.retention.time=1h")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        client = PrometheusClient.builder().url("http://127.0.0.1:" + port).timeout(Duration.ofSeconds(5)).build();
        awaitReady(port);
        driver = Thread.ofVirtual().name("traffic").start(this::driveTraffic);
    }

    @AfterAll
    void stopEverything() throws InterruptedException {
        driving.set(false);
        if (driver != null) {
            driver.join(Duration.ofSeconds(10));
        }
        if (client != null) {
            client.close();
        }
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(15, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        servers.forEach(HarnessServer::stop);
    }

    @Test
    void snapshotShowsBothHarnessesTheirTrafficAndRealCpuAndMemory() throws Exception {
        try (LiveMetrics live = LiveMetrics.builder().prometheus(reopen()).cacheTtl(Duration.ZERO)
                .profile(QueryProfile.local().job("load-harness").build()).build()) {
            MetricsSnapshot snapshot = await("pods 2/2, traffic and CPU", live::snapshot, s -> s.all().stream()
                    .allMatch(Figure::available) && s.pods().display().equals("2/2")
                    && ((Reading) s.requestRate()).value() > 0 && ((Reading) s.cpu()).value() > 0);

            LOG.log(System.Logger.Level.INFO, "snapshot from a real Prometheus: {0}", snapshot);
            assertThat(snapshot.source()).isEqualTo(Source.PROMETHEUS);
            assertThat(snapshot.pods()).isEqualTo(new Reading(Metric.PODS, 2, OptionalDouble.of(2)));
            assertThat(((Reading) snapshot.requestRate()).value()).isPositive();
            assertThat(((Reading) snapshot.responseTime()).value()).isPositive().isLessThan(10_000);
            assertThat(((Reading) snapshot.cpu()).value()).isPositive().isLessThanOrEqualTo(100.0 * 64);
            assertThat(((Reading) snapshot.memory()).value()).isPositive().isLessThan(100);
            assertThat(snapshot.latency()).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void historyAndRangeQueriesReturnPoints() throws Exception {
        try (LiveMetrics live = LiveMetrics.builder().prometheus(reopen()).cacheTtl(Duration.ZERO)
                .profile(QueryProfile.local().job("load-harness").build()).build()) {
            MetricsHistory history = await("two pods in the history", () -> live.history(Duration.ofMinutes(1)),
                    h -> h.of(Metric.PODS) instanceof Timeline pods && !pods.points().isEmpty()
                            && pods.points().getLast().value() == 2);

            assertThat(history.source()).isEqualTo(Source.PROMETHEUS);
            assertThat(history.step()).isEqualTo(Duration.ofSeconds(1));
            assertThat(history.of(Metric.MEMORY)).isInstanceOfSatisfying(Timeline.class,
                    memory -> assertThat(memory.points()).isNotEmpty().allMatch(point -> point.value() > 0));
        }
        Instant end = Instant.now();
        QueryResult up = client.queryRange("up{job=\"load-harness\"}", end.minusSeconds(30), end, Duration.ofSeconds(1));

        assertThat(up).isInstanceOfSatisfying(QuerySuccess.class, success -> {
            ResultData.Matrix matrix = (ResultData.Matrix) success.data();
            assertThat(matrix.series()).hasSize(2).allSatisfy(series -> {
                assertThat(series.labels()).containsEntry("job", "load-harness").containsKey("instance");
                assertThat(series.points()).isNotEmpty();
            });
        });
    }

    @Test
    void kubernetesQueriesAreValidPromqlThatFindNothingHere() throws Exception {
        try (LiveMetrics live = LiveMetrics.builder().prometheus(reopen()).profile(QueryProfile.kubernetes().build())
                .build()) {
            MetricsSnapshot snapshot = live.snapshot();

            assertThat(snapshot.all()).allSatisfy(figure -> assertThat(figure).isInstanceOfSatisfying(
                    Unavailable.class, failure -> assertThat(failure.kind()).isEqualTo(FailureKind.NO_DATA)));
        }
    }

    @Test
    void realAnswersOfEveryTypeAndARealError() {
        assertThat(client.query("1 + 1")).isInstanceOfSatisfying(QuerySuccess.class,
                success -> assertThat(((ResultData.Scalar) success.data()).point().value()).isEqualTo(2.0));
        assertThat(client.query("\"hello\"")).isInstanceOfSatisfying(QuerySuccess.class,
                success -> assertThat(((ResultData.Text) success.data()).value()).isEqualTo("hello"));
        assertThat(client.query("sum(rate(up[1m])")).isInstanceOfSatisfying(QueryError.PrometheusError.class,
                error -> {
                    assertThat(error.errorType()).isEqualTo("bad_data");
                    assertThat(error.httpStatus()).isEqualTo(400);
                    assertThat(error.error()).contains("parse error");
                });
    }

    @Test
    void withoutPrometheusTheFallbackShowsTheHarnessOwnTraffic() throws Exception {
        HarnessServer server = servers.getFirst();
        LocalRequestStats stats = new LocalRequestStats() {
            @Override
            public long requestCount() {
                return server.api().metrics().requestCount();
            }

            @Override
            public double requestSecondsSum() {
                return server.api().metrics().requestSecondsSum();
            }
        };
        int closedPort = freePort();
        try (LiveMetrics live = LiveMetrics.builder().cacheTtl(Duration.ZERO).fallback(stats)
                .prometheus(PrometheusClient.builder().url("http://127.0.0.1:" + closedPort).build()).build()) {
            MetricsSnapshot snapshot = await("local traffic", live::snapshot,
                    s -> s.requestRate() instanceof Reading rate && rate.value() > 0 && s.cpu().available());

            assertThat(snapshot.source()).isEqualTo(Source.LOCAL);
            assertThat(snapshot.note()).hasValueSatisfying(note -> assertThat(note).contains("unreachable"));
            assertThat(snapshot.pods().display()).isEqualTo("1/1");
            assertThat(snapshot.responseTime()).isInstanceOfSatisfying(Reading.class,
                    time -> assertThat(time.value()).isPositive());
            assertThat(snapshot.memory()).isInstanceOfSatisfying(Reading.class,
                    memory -> assertThat(memory.value()).isPositive());
        }
    }

    private PrometheusClient reopen() {
        return PrometheusClient.builder().url(client.url()).timeout(client.timeout()).build();
    }

    private void driveTraffic() {
        List<WebClient> clients = servers.stream()
                .map(server -> WebClient.builder().baseUri("http://127.0.0.1:" + server.port()).build()).toList();
        try {
            while (driving.get()) {
                for (WebClient web : clients) {
                    try (HttpClientResponse response = web.get("/system/info").request()) {
                        response.entity().consume();
                        driven.incrementAndGet();
                    }
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            clients.forEach(WebClient::closeResource);
        }
    }

    private void awaitReady(int port) throws Exception {
        WebClient web = WebClient.builder().baseUri("http://127.0.0.1:" + port).build();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (!prometheus.isAlive()) {
                    fail("prometheus exited with " + prometheus.exitValue() + ":\n" + Files.readString(log));
                }
                try (HttpClientResponse response = web.get("/-/ready").request()) {
                    if (response.status().code() == 200) {
                        return;
                    }
                } catch (RuntimeException notYet) {
                    Thread.sleep(100);
                }
            }
            fail("prometheus not ready within " + PATIENCE + ":\n" + Files.readString(log));
        } finally {
            web.closeResource();
        }
    }

    private <T> T await(String what, Supplier<T> read, Predicate<T> done) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        T last = read.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                fail("no " + what + " within " + PATIENCE + " (" + driven.get() + " requests driven); last: " + last
                        + "\nprometheus log:\n" + Files.readString(log));
            }
            Thread.sleep(250);
            last = read.get();
        }
        return last;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
