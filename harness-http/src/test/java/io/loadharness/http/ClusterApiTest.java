package io.loadharness.http;

import static io.loadharness.http.TestSupport.json;
import static io.loadharness.http.TestSupport.postJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Fan-outs over real HTTP: to this same server (local environment) and to a dead port. */
class ClusterApiTest {

    private static HarnessServer local;
    private static HarnessServer deadTarget;

    @BeforeAll
    static void start() throws IOException {
        local = HarnessServer.builder().settings(TestSupport.settings()).build().start();
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        deadTarget = HarnessServer.builder()
                .settings(HarnessSettings.builder()
                        .host("127.0.0.1").port(0).podName("dead-end").environment("production")
                        .clusterUrl(URI.create("http://127.0.0.1:" + deadPort))
                        .limits(TestSupport.limits())
                        .build())
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        local.stop();
        deadTarget.stop();
    }

    @ParameterizedTest(name = "keep_alive {0}")
    @ValueSource(booleans = {false, true})
    void fanOutToThisServerSucceedsWithItsPodTheOnlyPod(boolean keepAlive) {
        Http1Client client = client(local);
        String body = "{\"concurrency\": 4, \"iterations\": 1000, \"requests\": 12, \"keep_alive\": " + keepAlive + "}";
        try (Http1ClientResponse response = postJson(client, "/load/cluster", body)) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            JsonObject result = json(response.as(String.class));
            assertThat(result.getInt("requested")).isEqualTo(12);
            assertThat(result.getInt("sent")).isEqualTo(12);
            assertThat(result.getInt("succeeded")).isEqualTo(12);
            assertThat(result.getInt("failed")).isZero();
            assertThat(result.getBoolean("keep_alive")).isEqualTo(keepAlive);
            assertThat(result.getString("target")).isEqualTo("http://127.0.0.1:" + local.port());
            assertThat(result.getInt("unique_pods")).isEqualTo(1);
            List<JsonObject> pods = result.getJsonArray("pods").getValuesAs(JsonObject.class);
            assertThat(pods).singleElement().satisfies(pod -> {
                assertThat(pod.getString("pod")).isEqualTo(TestSupport.POD);
                assertThat(pod.getInt("requests")).isEqualTo(12);
            });
            assertThat(result.getJsonObject("latency_ms").getInt("count")).isEqualTo(12);
        }
    }

    @Test
    void fanOutRequestsDefaultToTheConcurrency() {
        try (Http1ClientResponse response = postJson(client(local), "/load/cluster", "{\"concurrency\": 3, \"iterations\": 1000}")) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            JsonObject result = json(response.as(String.class));
            assertThat(result.getInt("requested")).isEqualTo(3);
            assertThat(result.getInt("succeeded")).isEqualTo(3);
        }
    }

    @Test
    void fanOutToADeadPortCountsConnectionErrorsWithinTheDeadline() {
        long start = System.nanoTime();
        try (Http1ClientResponse response = postJson(client(deadTarget), "/load/cluster",
                "{\"concurrency\": 5, \"iterations\": 1000, \"requests\": 10}")) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            JsonObject result = json(response.as(String.class));
            assertThat(result.getInt("succeeded")).isZero();
            assertThat(result.getInt("failed")).isEqualTo(result.getInt("sent"));
            assertThat(result.getJsonObject("failures_by_kind").getInt("connection_error")).isEqualTo(result.getInt("sent"));
            assertThat(result.getJsonArray("pods")).isEmpty();
        }
        long deadlineNanos = TestSupport.limits().fanOutDeadline().toNanos();
        assertThat(System.nanoTime() - start).isLessThan(deadlineNanos);
    }

    @Test
    void targetIsTheConfiguredClusterUrl() {
        try (Http1ClientResponse response = client(deadTarget).get("/system/info").request()) {
            JsonObject info = json(response.as(String.class));
            assertThat(info.getString("cluster_target")).startsWith("http://127.0.0.1:");
            assertThat(info.getString("environment")).isEqualTo("production");
        }
    }

    private static Http1Client client(HarnessServer server) {
        return Http1Client.builder().baseUri("http://127.0.0.1:" + server.port()).build();
    }
}
