package io.loadharness.examples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadharness.prometheus.live.Figure;
import io.loadharness.prometheus.live.LiveMetrics;
import io.loadharness.prometheus.live.LocalRequestStats;
import io.loadharness.prometheus.live.MetricsSnapshot;
import io.loadharness.prometheus.live.Reading;
import io.loadharness.prometheus.live.Source;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runs {@code start.sh 3} for real: three servers behind haproxy, Prometheus scraping them. Then it
 * fans out through haproxy, reads the live metrics from Prometheus, kills one server in the middle
 * of a fan-out and watches the failures and the pod count.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Pattern POD_LINE = Pattern.compile("^pod-(\\d+) pid (\\d+) port (\\d+)$");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Process cluster;
    private static final List<String> output = new CopyOnWriteArrayList<>();
    private static final Map<Integer, Long> podPids = new HashMap<>();
    private static int basePort;
    private static int prometheusPort;
    private static LiveMetrics live;

    @BeforeAll
    static void startCluster() throws Exception {
        assertThat(ROOT.resolve("harness-ui/target/loadharness.jar")).as("the server jar, built by the reactor").exists();
        basePort = freeRun(3);
        int servicePort = freePort();
        prometheusPort = freePort();
        ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("examples/local-cluster/start.sh").toString(), "3")
                .redirectErrorStream(true);
        builder.environment().put("LH_BASE_PORT", String.valueOf(basePort));
        builder.environment().put("LH_SERVICE_PORT", String.valueOf(servicePort));
        builder.environment().put("LH_PROMETHEUS_PORT", String.valueOf(prometheusPort));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        cluster = builder.start();
        Thread.ofPlatform().daemon().name("local-cluster-output").start(LocalClusterTest::collectOutput);

        awaitLine(line -> line.startsWith("ready:"), Duration.ofSeconds(120));
        for (String line : output) {
            Matcher m = POD_LINE.matcher(line);
            if (m.matches()) {
                podPids.put(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
            }
        }
        assertThat(podPids).hasSize(3);
        LocalRequestStats unused = new LocalRequestStats() {
            @Override
            public long requestCount() {
                return 0;
            }

            @Override
            public double requestSecondsSum() {
                return 0;
            }
        };
        live = LiveMetrics.fromEnvironment(Map.of("ENVIRONMENT", "local",
                "PROMETHEUS_URL", "http://127.0.0.1:" + prometheusPort,
                "LIVE_METRICS_FALLBACK", "false"), unused);
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        if (live != null) {
            live.close();
        }
        if (cluster != null) {
            cluster.destroy();
            if (!cluster.waitFor(20, TimeUnit.SECONDS)) {
                cluster.descendants().forEach(ProcessHandle::destroyForcibly);
                cluster.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            assertThat(cluster.descendants().filter(ProcessHandle::isAlive).count()).as("processes left behind").isZero();
        }
    }

    @Test
    @Order(1)
    void aFanOutThroughTheServiceSpreadsOverEveryPod() throws Exception {
        JsonObject result = fanOut(6, 1_000, 60);
        System.out.println("[fan-out through haproxy] " + result);

        assertThat(result.getInt("failed")).as(result.toString()).isZero();
        assertThat(result.getInt("succeeded")).isEqualTo(60);
        assertThat(result.getInt("unique_pods")).isEqualTo(3);
        assertThat(result.getJsonArray("pods").getValuesAs(JsonObject.class))
                .extracting(pod -> pod.getString("pod"))
                .containsExactlyInAnyOrder("load-harness-pod-1", "load-harness-pod-2", "load-harness-pod-3");
    }

    @Test
    @Order(2)
    void prometheusBackedLiveMetricsShowThreePodsAndTraffic() throws Exception {
        // A counter's first appearance is no increase to rate(), so traffic keeps flowing while we look.
        MetricsSnapshot snapshot = awaitSnapshot(s -> value(s.pods()) == 3 && value(s.requestRate()) > 0,
                Duration.ofSeconds(60), () -> fanOut(3, 1_000, 15));

        assertThat(snapshot.source()).isEqualTo(Source.PROMETHEUS);
        assertThat(value(snapshot.pods())).isEqualTo(3.0);
        assertThat(value(snapshot.requestRate())).isPositive();
        assertThat(snapshot.cpu().available()).isTrue();
        assertThat(snapshot.memory().available()).isTrue();
    }

    @Test
    @Order(3)
    void killingAPodMidFanOutGivesCountedFailuresNoHangAndOnePodFewer() throws Exception {
        long start = System.nanoTime();
        CompletableFuture<JsonObject> running = CompletableFuture.supplyAsync(() -> {
            try {
                return fanOut(10, 200_000, 3_000);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(1_000);
        ProcessHandle.of(podPids.get(3)).orElseThrow().destroyForcibly();

        JsonObject result = running.get(90, TimeUnit.SECONDS);
        System.out.println("[fan-out with pod-3 killed after 1 s] " + result);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(90));
        assertThat(result.getInt("failed")).as(result.toString()).isPositive();
        assertThat(result.getJsonObject("failures_by_kind")).isNotEmpty();
        int counted = result.getJsonObject("failures_by_kind").values().stream()
                .mapToInt(v -> Integer.parseInt(v.toString())).sum();
        assertThat(counted).isEqualTo(result.getInt("failed"));
        assertThat(result.getInt("succeeded")).isPositive();

        MetricsSnapshot snapshot = awaitSnapshot(s -> value(s.pods()) == 2, Duration.ofSeconds(60), () -> { });
        assertThat(value(snapshot.pods())).isEqualTo(2.0);
    }

    private static JsonObject fanOut(int concurrency, int iterations, int requests) throws IOException, InterruptedException {
        String body = "{\"concurrency\":" + concurrency + ",\"iterations\":" + iterations + ",\"requests\":" + requests + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + basePort + "/load/cluster"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(150))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static MetricsSnapshot awaitSnapshot(Predicate<MetricsSnapshot> condition, Duration timeout,
                                                 Traffic meanwhile) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        MetricsSnapshot snapshot = live.snapshot();
        while (!condition.test(snapshot) && System.nanoTime() < deadline) {
            meanwhile.send();
            Thread.sleep(500);
            snapshot = live.snapshot();
        }
        return snapshot;
    }

    @FunctionalInterface
    private interface Traffic {
        void send() throws IOException, InterruptedException;
    }

    private static double value(Figure figure) {
        return figure instanceof Reading reading ? reading.value() : Double.NaN;
    }

    private static void collectOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(cluster.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
                System.out.println("[local-cluster] " + line);
            }
        } catch (IOException e) {
            output.add("output closed: " + e.getMessage());
        }
    }

    private static void awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (output.stream().noneMatch(wanted)) {
            if (!cluster.isAlive()) {
                throw new AssertionError("start.sh ended early:\n" + String.join("\n", output));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("cluster not ready within " + timeout + ":\n" + String.join("\n", output));
            }
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A port p such that p, p+1 and ... p+count-1 are all free now. */
    private static int freeRun(int count) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = freePort();
            if (base + count > 65_535) {
                continue;
            }
            boolean free = true;
            for (int p = base + 1; p < base + count && free; p++) {
                try (ServerSocket ignored = new ServerSocket(p)) {
                    free = true;
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IOException("no run of " + count + " free ports found");
    }

    static {
        // Keeps the working-directory assumption explicit: surefire runs in the module directory.
        if (!Files.exists(Path.of("../../pom.xml"))) {
            throw new IllegalStateException("run from examples/local-cluster");
        }
    }
}
