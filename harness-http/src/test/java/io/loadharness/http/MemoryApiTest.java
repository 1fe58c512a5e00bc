package io.loadharness.http;

import static io.loadharness.http.TestSupport.json;
import static io.loadharness.http.TestSupport.postJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import io.loadharness.core.LoadHarness;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@ServerTest
class MemoryApiTest {

    private static final LoadHarness HARNESS = TestSupport.harness();

    private final Http1Client client;

    MemoryApiTest(Http1Client client) {
        this.client = client;
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        server.host("127.0.0.1");
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        HarnessApi.register(routing, "", HARNESS, TestSupport.settings());
    }

    @AfterEach
    void stopJobs() {
        HARNESS.stopAll();
    }

    @AfterAll
    static void close() {
        HARNESS.close();
    }

    @Test
    void holdReportsSizeTimesRssAndPod() {
        try (Http1ClientResponse response = postJson(client, "/load/memory", "{\"size_mb\": 10, \"duration_ms\": 100}")) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            JsonObject body = json(response.as(String.class));
            assertThat(body.getInt("size_mb")).isEqualTo(10);
            assertThat(body.getJsonNumber("held_ms").doubleValue()).isGreaterThanOrEqualTo(100);
            assertThat(body.getJsonNumber("allocation_ms").doubleValue()).isNotNegative();
            assertThat(body.keySet()).contains("rss_before_bytes", "rss_peak_bytes", "rss_after_bytes",
                    "rss_before_mb", "rss_peak_mb", "rss_after_mb");
            assertThat(body.getString("pod")).isEqualTo(TestSupport.POD);
        }
        assertThat(HARNESS.heldMemoryBytes()).isZero();
    }

    @Test
    void memoryJobStartsHoldingItsMemoryAndStops() {
        String id;
        try (Http1ClientResponse response = postJson(client, "/load/memory/jobs", "{\"size_mb\": 10, \"duration_seconds\": 10}")) {
            assertThat(response.status()).isEqualTo(Status.ACCEPTED_202);
            JsonObject job = json(response.as(String.class));
            id = job.getString("job_id");
            assertThat(job.getString("type")).isEqualTo("memory");
            assertThat(job.getString("status")).isEqualTo("running");
            assertThat(job.getInt("size_mb")).isEqualTo(10);
            assertThat(job.getInt("duration_seconds")).isEqualTo(10);
            assertThat(job.getJsonNumber("held_mb").doubleValue()).isEqualTo(10.0);
        }
        assertThat(HARNESS.heldMemoryBytes()).isEqualTo(10L << 20);
        try (Http1ClientResponse response = client.delete("/load/jobs/" + id).request()) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            JsonObject job = json(response.as(String.class));
            assertThat(job.getString("status")).isEqualTo("stopped");
            assertThat(job.getJsonNumber("held_mb").doubleValue()).isZero();
        }
        assertThat(HARNESS.heldMemoryBytes()).isZero();
    }

    @Test
    void memoryJobOverTheBudgetIsAConflict() {
        try (Http1ClientResponse response = postJson(client, "/load/memory/jobs", "{\"size_mb\": 100, \"duration_seconds\": 10}")) {
            assertThat(response.status()).isEqualTo(Status.CONFLICT_409);
            JsonObject problem = json(response.as(String.class));
            assertThat(problem.getString("limit")).isEqualTo("memory_budget");
            assertThat(problem.getString("detail")).contains("requested 100 MB").contains("limit 64 MB");
        }
        assertThat(HARNESS.runningJobs()).isZero();
    }
}
