package io.loadharness.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadharness.core.Limits;
import io.loadharness.http.HarnessSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With every core held at intensity 10 by our own CPU job, the full server's dashboard page, its
 * fragments and the health endpoints answer within the 1 s a Kubernetes probe waits. Each request uses
 * a new connection. The bound is loose on purpose; the figures go to the report.
 */
class DashboardUnderLoadTest {

    private static final int ROUNDS = 15;
    private static final List<String> PATHS = List.of("/health/live", "/health/ready", "/ui", "/ui/partials/active-jobs",
            "/ui/partials/live-metrics");

    @Test
    void dashboardAndHealthAnswerWithinAProbeTimeoutWhileEveryCoreIsBusy() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        HarnessSettings settings = HarnessSettings.builder().host("127.0.0.1").port(0).podName("busy-pod")
                .limits(Limits.builder().memoryBudgetBytes(64L << 20).maxCpuWorkers(cores).build()).build();
        try (LoadHarnessServer server = Main.start(settings, Map.of("PROMETHEUS_URL", TestPorts.deadUrl()), false)) {
            String origin = "http://127.0.0.1:" + server.port();
            for (String path : PATHS) {
                get(origin + path);
            }
            HttpResponse<String> job = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(origin + "/load/cpu"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"cores\": " + cores + ", \"intensity\": 10, \"duration_seconds\": 10}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(job.statusCode()).isEqualTo(202);
            Thread.sleep(500);

            Map<String, List<Double>> millis = new LinkedHashMap<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (String path : PATHS) {
                    long start = System.nanoTime();
                    HttpResponse<String> res = get(origin + path);
                    millis.computeIfAbsent(path, p -> new ArrayList<>()).add((System.nanoTime() - start) / 1e6);
                    assertThat(res.statusCode()).as(path).isEqualTo(200);
                }
            }
            assertThat(server.harness().activeCpuWorkers()).as("the load was on throughout").isEqualTo(cores);
            server.harness().stopAll();

            Figures figures = Figures.start("dashboard-under-load")
                    .put("load", "CPU job on all " + cores + " cores at intensity 10")
                    .put("requests", ROUNDS + " rounds x " + PATHS.size() + " paths, a new connection each");
            List<Double> all = new ArrayList<>();
            millis.forEach((path, samples) -> {
                figures.latencies("GET " + path, samples);
                all.addAll(samples);
            });
            figures.latencies("all", all);
            assertThat(all).allSatisfy(ms -> assertThat(ms).as("answer time in ms").isLessThan(1_000.0));
        }
    }

    /** A new client per request: a new connection, as the kubelet's probes use. */
    private static HttpResponse<String> get(String url) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
