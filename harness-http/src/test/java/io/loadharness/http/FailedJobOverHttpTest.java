package io.loadharness.http;

import static io.loadharness.http.TestSupport.json;
import static io.loadharness.http.TestSupport.postJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.loadharness.core.LoadHarness;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A CPU worker that throws ends its job as failed: {@code GET /load/jobs} shows status {@code failed}
 * and the failure text, and the server carries on starting and serving jobs.
 */
class FailedJobOverHttpTest {

    @Test
    void aJobWhoseWorkerFailsIsListedAsFailedWithItsFailureAndTheServerCarriesOn() throws Exception {
        AtomicInteger bodies = new AtomicInteger();
        try (LoadHarness harness = LoadHarness.builder()
                .limits(TestSupport.limits())
                .podName(TestSupport.POD)
                .cpuWorkerWrapper(body -> () -> {
                    if (bodies.getAndIncrement() == 0) {
                        throw new IllegalStateException("injected fault <b>in the worker</b>");
                    }
                    body.run();
                })
                .build();
             HarnessServer server = HarnessServer.builder().settings(TestSupport.settings()).harness(harness).build().start()) {
            Http1Client client = Http1Client.builder().baseUri("http://127.0.0.1:" + server.port()).build();
            String failing = start(client);

            JsonObject failed = awaitListed(client, failing, "failed");
            assertThat(failed.getString("status")).isEqualTo("failed");
            assertThat(failed.getString("failure")).contains("IllegalStateException").contains("injected fault");
            assertThat(failed.isNull("ended_at")).isFalse();
            assertThat(failed.getInt("workers_active")).isZero();
            assertThat(harness.activeCpuWorkers()).isZero();

            String healthy = start(client);
            assertThat(awaitListed(client, healthy, "running").getInt("workers_active")).isEqualTo(1);
            try (Http1ClientResponse response = client.get("/health/ready").request()) {
                assertThat(response.status()).isEqualTo(Status.OK_200);
            }
            try (Http1ClientResponse response = client.delete("/load/jobs/" + healthy).request()) {
                assertThat(json(response.as(String.class)).getString("status")).isEqualTo("stopped");
            }
            ReliabilityReport.start("failed-job-over-http")
                    .put("fault injected", "the first CPU worker body throws IllegalStateException")
                    .put("GET /load/jobs showed", failed.getString("status") + ", failure \"" + failed.getString("failure") + "\"")
                    .put("afterwards", "a new CPU job started and ran; /health/ready 200");
        }
    }

    private static String start(Http1Client client) {
        try (Http1ClientResponse response = postJson(client, "/load/cpu", "{\"cores\": 1, \"intensity\": 2, \"duration_seconds\": 10}")) {
            assertThat(response.status()).isEqualTo(Status.ACCEPTED_202);
            return json(response.as(String.class)).getString("job_id");
        }
    }

    /** Polls {@code GET /load/jobs} for the job until it has the status or 5 s have passed. */
    private static JsonObject awaitListed(Http1Client client, String id, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        JsonObject job;
        do {
            try (Http1ClientResponse response = client.get("/load/jobs").request()) {
                job = json(response.as(String.class)).getJsonArray("jobs").getValuesAs(JsonObject.class).stream()
                        .filter(j -> j.getString("job_id").equals(id)).findFirst().orElseThrow();
            }
            if (job.getString("status").equals(status)) {
                return job;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return job;
    }
}
