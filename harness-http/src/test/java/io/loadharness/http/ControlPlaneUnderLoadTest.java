package io.loadharness.http;

import static io.loadharness.http.TestSupport.postJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.loadharness.core.Limits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With every core held at intensity 10 by our own CPU job, health, info, jobs and metrics still
 * answer well within the 1 s after which Kubernetes counts a probe as failed. Each probe opens a new
 * connection, as the kubelet does. The bound is loose on purpose; the precise figures go to the
 * report and the benchmarks.
 */
class ControlPlaneUnderLoadTest {

    private static final int ROUNDS = 20;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    private static final List<String> PATHS = List.of("/health/live", "/health/ready", "/system/info", "/load/jobs", "/metrics");

    @Test
    void controlPlaneAnswersWithinAProbeTimeoutWhileEveryCoreIsBusy() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        Limits limits = Limits.builder().memoryBudgetBytes(64L << 20).maxCpuWorkers(cores).build();
        try (HarnessServer server = HarnessServer.builder()
                .settings(HarnessSettings.builder().host("127.0.0.1").port(0).podName(TestSupport.POD).limits(limits).build())
                .build().start()) {
            Http1Client client = Http1Client.builder().baseUri("http://127.0.0.1:" + server.port()).build();
            for (String path : PATHS) {
                // Once before the load, so that class loading is not what is measured.
                probe(server, path);
            }
            try (Http1ClientResponse response = postJson(client, "/load/cpu",
                    "{\"cores\": " + cores + ", \"intensity\": 10, \"duration_seconds\": 10}")) {
                assertThat(response.status()).isEqualTo(Status.ACCEPTED_202);
            }
            Thread.sleep(500);
            Map<String, List<Double>> millis = new LinkedHashMap<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (String path : PATHS) {
                    long start = System.nanoTime();
                    int status = probe(server, path);
                    double ms = (System.nanoTime() - start) / 1e6;
                    assertThat(status).as(path).isEqualTo(200);
                    millis.computeIfAbsent(path, p -> new ArrayList<>()).add(ms);
                }
            }
            assertThat(server.harness().activeCpuWorkers()).as("the load was on throughout").isEqualTo(cores);
            double utilization = server.harness().jobs().getFirst() instanceof io.loadharness.core.jobs.CpuJobSnapshot cpu
                    ? cpu.achievedUtilization() : Double.NaN;
            server.harness().stopAll();

            ReliabilityReport report = ReliabilityReport.start("control-plane-under-load")
                    .put("load", "CPU job on all " + cores + " cores at intensity 10, achieved utilisation "
                            + String.format(java.util.Locale.ROOT, "%.2f", utilization))
                    .put("probes", ROUNDS + " rounds x " + PATHS.size() + " paths, a new connection each");
            List<Double> all = new ArrayList<>();
            millis.forEach((path, samples) -> {
                report.latencies("GET " + path, samples);
                all.addAll(samples);
            });
            report.latencies("all probes", all);
            assertThat(all).as("probe answer times in ms").allSatisfy(
                    ms -> assertThat(ms).isLessThan((double) PROBE_TIMEOUT.toMillis()));
        }
    }

    /** One request on a new connection; a slower answer than the probe timeout fails the read. */
    private static int probe(HarnessServer server, String path) throws Exception {
        RawHttp.Answer answer = RawHttp.send(server.port(), "GET " + path + " HTTP/1.1\nHost: 127.0.0.1:" + server.port(),
                new byte[0], Duration.ofSeconds(5));
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isNotEmpty();
        return answer.status();
    }
}
