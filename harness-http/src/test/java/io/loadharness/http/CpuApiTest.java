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
import io.loadharness.core.params.Params;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@ServerTest
class CpuApiTest {

    private static final LoadHarness HARNESS = TestSupport.harness();

    private final Http1Client client;

    CpuApiTest(Http1Client client) {
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
    void burnWithoutBodyUsesDefaults() {
        try (Http1ClientResponse response = client.post("/load/cpu/burn").request()) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            assertThat(response.headers().first(PodHeader.HEADER)).contains(TestSupport.POD);
            JsonObject body = json(response.as(String.class));
            assertThat(body.getInt("complexity")).isEqualTo(Params.COMPLEXITY.defaultValue());
            assertThat(body.getJsonNumber("duration_ms").doubleValue()).isGreaterThanOrEqualTo(Params.BURN_DURATION_MS.defaultValue());
            assertThat(body.getJsonNumber("iterations").longValue()).isPositive();
            assertThat(body.getString("pod")).isEqualTo(TestSupport.POD);
        }
    }

    @Test
    void burnWithParametersReportsThem() {
        try (Http1ClientResponse response = postJson(client, "/load/cpu/burn", "{\"duration_ms\": 20, \"complexity\": 2}")) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            JsonObject body = json(response.as(String.class));
            assertThat(body.getInt("complexity")).isEqualTo(2);
            assertThat(body.getJsonNumber("duration_ms").doubleValue()).isGreaterThanOrEqualTo(20);
        }
    }

    @Test
    void emptyJsonObjectMeansDefaults() {
        try (Http1ClientResponse response = postJson(client, "/load/cpu/work", "{}")) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            JsonObject body = json(response.as(String.class));
            assertThat(body.getJsonNumber("iterations").longValue()).isEqualTo(Params.ITERATIONS.defaultValue());
        }
    }

    @Test
    void concurrentBurnsAllSucceed() throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> {
                    try (Http1ClientResponse response = postJson(client, "/load/cpu/burn", "{\"duration_ms\": 30}")) {
                        return response.status().code();
                    }
                }));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        }
    }

    @Test
    void workReportsIterationsDurationAndPod() {
        try (Http1ClientResponse response = postJson(client, "/load/cpu/work", "{\"iterations\": 5000}")) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            JsonObject body = json(response.as(String.class));
            assertThat(body.getInt("iterations")).isEqualTo(5000);
            assertThat(body.getJsonNumber("duration_ms").doubleValue()).isNotNegative();
            assertThat(body.getString("pod")).isEqualTo(TestSupport.POD);
        }
    }

    @Test
    void cpuJobStartsAndAppearsNewestFirstInStatus() {
        String first;
        try (Http1ClientResponse response = postJson(client, "/load/cpu", "{\"cores\": 1, \"duration_seconds\": 10, \"intensity\": 1}")) {
            assertThat(response.status()).isEqualTo(Status.ACCEPTED_202);
            JsonObject job = json(response.as(String.class));
            first = job.getString("job_id");
            assertThat(job.getString("type")).isEqualTo("cpu");
            assertThat(job.getString("status")).isEqualTo("running");
            assertThat(job.getInt("cores")).isEqualTo(1);
            assertThat(job.getInt("duration_seconds")).isEqualTo(10);
            assertThat(job.getInt("intensity")).isEqualTo(1);
            assertThat(job.getInt("workers_requested")).isEqualTo(1);
            assertThat(job.containsKey("workers_active")).isTrue();
            assertThat(job.getJsonNumber("target_utilization").doubleValue()).isEqualTo(0.1);
            assertThat(job.containsKey("achieved_utilization")).isTrue();
            assertThat(job.getString("started_at")).endsWith("Z");
            assertThat(job.getString("ends_at")).endsWith("Z");
            assertThat(job.getJsonNumber("remaining_seconds").doubleValue()).isBetween(0.0, 10.0);
            assertThat(job.getJsonNumber("progress").doubleValue()).isBetween(0.0, 1.0);
        }
        HARNESS.stop(first);
        String second;
        try (Http1ClientResponse response = postJson(client, "/load/cpu", "{\"duration_seconds\": 10, \"intensity\": 1}")) {
            assertThat(response.status()).isEqualTo(Status.ACCEPTED_202);
            second = json(response.as(String.class)).getString("job_id");
        }
        try (Http1ClientResponse response = client.get("/load/cpu/status").request()) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            List<String> ids = json(response.as(String.class)).getJsonArray("jobs").stream()
                    .map(v -> v.asJsonObject().getString("job_id")).toList();
            assertThat(ids).startsWith(second, first);
        }
    }

    @Test
    void cpuJobOverTheWorkerLimitIsAConflict() {
        try (Http1ClientResponse response = postJson(client, "/load/cpu", "{\"duration_seconds\": 10, \"intensity\": 1}")) {
            assertThat(response.status()).isEqualTo(Status.ACCEPTED_202);
        }
        try (Http1ClientResponse response = postJson(client, "/load/cpu", "{\"duration_seconds\": 10, \"intensity\": 1}")) {
            assertThat(response.status()).isEqualTo(Status.CONFLICT_409);
            JsonObject problem = json(response.as(String.class));
            assertThat(problem.getString("limit")).isEqualTo("cpu_workers");
            assertThat(problem.getString("detail")).contains("limit 1");
        }
    }
}
