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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@ServerTest
class JobsApiTest {

    private static final LoadHarness HARNESS = TestSupport.harness();

    private final Http1Client client;

    JobsApiTest(Http1Client client) {
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
    void listHoldsCpuAndMemoryJobsNewestFirst() {
        String cpu = start("/load/cpu", "{\"duration_seconds\": 10, \"intensity\": 1}");
        String memory = start("/load/memory/jobs", "{\"size_mb\": 10, \"duration_seconds\": 10}");
        try (Http1ClientResponse response = client.get("/load/jobs").request()) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            List<JsonObject> jobs = json(response.as(String.class)).getJsonArray("jobs").getValuesAs(JsonObject.class);
            assertThat(jobs).extracting(job -> job.getString("job_id")).startsWith(memory, cpu);
            assertThat(jobs).extracting(job -> job.getString("type")).startsWith("memory", "cpu");
        }
    }

    @Test
    void getReturnsOneJob() {
        String id = start("/load/memory/jobs", "{\"size_mb\": 10, \"duration_seconds\": 10}");
        try (Http1ClientResponse response = client.get("/load/jobs/" + id).request()) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            JsonObject job = json(response.as(String.class));
            assertThat(job.getString("job_id")).isEqualTo(id);
            assertThat(job.getString("status")).isEqualTo("running");
            assertThat(job.isNull("ended_at")).isTrue();
        }
    }

    @Test
    void stoppingAFinishedJobReturnsItUnchanged() {
        String id = start("/load/cpu", "{\"duration_seconds\": 10, \"intensity\": 1}");
        JsonObject first;
        try (Http1ClientResponse response = client.delete("/load/jobs/" + id).request()) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            first = json(response.as(String.class));
            assertThat(first.getString("status")).isEqualTo("stopped");
            assertThat(first.getInt("workers_active")).isZero();
        }
        try (Http1ClientResponse response = client.delete("/load/jobs/" + id).request()) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            JsonObject second = json(response.as(String.class));
            assertThat(second.getString("status")).isEqualTo("stopped");
            assertThat(second.getString("ended_at")).isEqualTo(first.getString("ended_at"));
        }
    }

    @Test
    void deleteAllStopsEveryRunningJob() {
        start("/load/cpu", "{\"duration_seconds\": 10, \"intensity\": 1}");
        start("/load/memory/jobs", "{\"size_mb\": 10, \"duration_seconds\": 10}");
        try (Http1ClientResponse response = client.delete("/load/jobs").request()) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            assertThat(json(response.as(String.class)).getInt("stopped")).isEqualTo(2);
        }
        assertThat(HARNESS.runningJobs()).isZero();
        assertThat(HARNESS.heldMemoryBytes()).isZero();
        try (Http1ClientResponse response = client.delete("/load/jobs").request()) {
            assertThat(json(response.as(String.class)).getInt("stopped")).isZero();
        }
    }

    private String start(String path, String body) {
        try (Http1ClientResponse response = postJson(client, path, body)) {
            assertThat(response.status()).isEqualTo(Status.ACCEPTED_202);
            return json(response.as(String.class)).getString("job_id");
        }
    }
}
