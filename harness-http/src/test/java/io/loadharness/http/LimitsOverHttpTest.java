package io.loadharness.http;

import static io.loadharness.http.TestSupport.json;
import static io.loadharness.http.TestSupport.postJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.loadharness.core.Limits;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every ceiling over HTTP: a request past it is refused with 409 or 429 and the limit in the message,
 * and the jobs already running keep running with the same workers and the same memory.
 */
class LimitsOverHttpTest {

    private static final long MB = 1L << 20;

    @Test
    void everyCeilingRefusesWithTheLimitAndDisturbsNothingRunning() throws Exception {
        ReliabilityReport report = ReliabilityReport.start("limits-over-http");
        try (StubTarget slow = new StubTarget(StubTarget.Mode.SLOW);
             HarnessServer server = HarnessServer.builder()
                     .settings(HarnessSettings.builder().host("127.0.0.1").port(0).podName(TestSupport.POD)
                             .environment("production").clusterUrl(slow.uri()).limits(TestSupport.limits()).build())
                     .build().start();
             ExecutorService background = Executors.newVirtualThreadPerTaskExecutor()) {
            Http1Client client = Http1Client.builder().baseUri("http://127.0.0.1:" + server.port()).build();
            String cpu = started(client, "/load/cpu", "{\"cores\": 1, \"intensity\": 2, \"duration_seconds\": 60}");
            String memory = started(client, "/load/memory/jobs", "{\"size_mb\": 40, \"duration_seconds\": 60}");
            int refusals = 0;

            refusals += refused(client, "/load/memory", "{\"size_mb\": 30, \"duration_ms\": 100}", 409, "memory_budget",
                    "limit 64 MB", report);
            refusals += refused(client, "/load/memory/jobs", "{\"size_mb\": 30, \"duration_seconds\": 10}", 409,
                    "memory_budget", "limit 64 MB", report);
            refusals += refused(client, "/load/cpu", "{\"cores\": 1, \"duration_seconds\": 10}", 409, "cpu_workers",
                    "limit 1", report);
            started(client, "/load/memory/jobs", "{\"size_mb\": 10, \"duration_seconds\": 60}");
            started(client, "/load/memory/jobs", "{\"size_mb\": 10, \"duration_seconds\": 60}");
            refusals += refused(client, "/load/memory/jobs", "{\"size_mb\": 10, \"duration_seconds\": 10}", 409,
                    "concurrent_jobs", "limit 4", report);

            // Two fan-outs held in flight by a target that does not answer fill the cap of 2.
            List<Future<Integer>> inFlight = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                inFlight.add(background.submit(() -> {
                    try (Http1ClientResponse response = postJson(client, "/load/cluster",
                            "{\"concurrency\": 1, \"iterations\": 1000, \"requests\": 1}")) {
                        return response.status().code();
                    }
                }));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (server.harness().runningFanOuts() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(server.harness().runningFanOuts()).isEqualTo(2);
            refusals += refused(client, "/load/cluster", "{\"concurrency\": 1, \"iterations\": 1000, \"requests\": 1}",
                    429, "concurrent_fan_outs", "limit 2", report);
            slow.release();
            for (Future<Integer> fanOut : inFlight) {
                assertThat(fanOut.get(10, TimeUnit.SECONDS)).isEqualTo(200);
            }

            JsonObject cpuJob = job(client, cpu);
            JsonObject memoryJob = job(client, memory);
            assertThat(cpuJob.getString("status")).isEqualTo("running");
            assertThat(cpuJob.getInt("workers_active")).isEqualTo(1);
            assertThat(memoryJob.getString("status")).isEqualTo("running");
            assertThat(memoryJob.getJsonNumber("held_mb").doubleValue()).isEqualTo(40.0);
            assertThat(server.harness().heldMemoryBytes()).isEqualTo(60 * MB);
            assertThat(server.harness().runningJobs()).isEqualTo(4);
            assertThat(server.harness().activeCpuWorkers()).isEqualTo(1);
            report.put("refusals", refusals + " (memory hold, memory job, cpu workers, concurrent jobs, concurrent fan-outs)")
                    .put("after the refusals", "4 jobs running, 1 CPU worker, 60 MB held: as before each refusal");
        }
    }

    @Test
    void theFanOutRateCeilingPacesCallsInsteadOfBurstingThem() {
        Limits limits = Limits.builder().memoryBudgetBytes(64 * MB).maxCpuWorkers(1).maxFanOutRate(10).build();
        try (HarnessServer server = HarnessServer.builder()
                .settings(HarnessSettings.builder().host("127.0.0.1").port(0).podName(TestSupport.POD).limits(limits).build())
                .build().start()) {
            Http1Client client = Http1Client.builder().baseUri("http://127.0.0.1:" + server.port()).build();
            try (Http1ClientResponse response = postJson(client, "/load/cluster",
                    "{\"concurrency\": 10, \"iterations\": 1000, \"requests\": 10}")) {
                assertThat(response.status()).isEqualTo(Status.OK_200);
                JsonObject result = json(response.as(String.class));
                assertThat(result.getInt("succeeded")).isEqualTo(10);
                // 10 calls at 10/s: the last may start no sooner than 0.9 s after the first.
                assertThat(result.getJsonNumber("wall_ms").doubleValue()).isGreaterThanOrEqualTo(800.0);
                ReliabilityReport.start("fan-out-rate").put("10 calls at concurrency 10 under a 10 calls/s ceiling",
                        "wall " + result.getJsonNumber("wall_ms") + " ms (unpaced this takes a few ms)");
            }
        }
    }

    private static String started(Http1Client client, String path, String body) {
        try (Http1ClientResponse response = postJson(client, path, body)) {
            assertThat(response.status()).isEqualTo(Status.ACCEPTED_202);
            return json(response.as(String.class)).getString("job_id");
        }
    }

    private static int refused(Http1Client client, String path, String body, int status, String limit, String detail,
                               ReliabilityReport report) {
        try (Http1ClientResponse response = postJson(client, path, body)) {
            assertThat(response.status().code()).isEqualTo(status);
            assertThat(response.headers().contentType()).hasValueSatisfying(
                    type -> assertThat(type.text()).startsWith(Problems.CONTENT_TYPE));
            JsonObject problem = json(response.as(String.class));
            assertThat(problem.getString("limit")).isEqualTo(limit);
            assertThat(problem.getString("detail")).contains(detail);
            report.put("POST " + path + " " + body, status + " " + problem.getString("detail"));
            return 1;
        }
    }

    private static JsonObject job(Http1Client client, String id) {
        try (Http1ClientResponse response = client.get("/load/jobs/" + id).request()) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            return json(response.as(String.class));
        }
    }
}
