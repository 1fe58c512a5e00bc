package io.loadharness.http;

import static io.loadharness.http.TestSupport.json;
import static io.loadharness.http.TestSupport.postJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The API mounted under /harness on an application that has routes of its own. */
@ServerTest
class MountedUnderPrefixTest {

    private static final LoadHarness HARNESS = TestSupport.harness();
    private static HarnessApi api;

    private final Http1Client client;

    MountedUnderPrefixTest(Http1Client client) {
        this.client = client;
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        server.host("127.0.0.1");
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        routing.get("/hello", (req, res) -> res.send("hello from the host"));
        api = HarnessApi.register(routing, "/harness", HARNESS, TestSupport.settings());
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
    void apiAnswersUnderThePrefix() {
        try (Http1ClientResponse response = postJson(client, "/harness/load/cpu/work", "{\"iterations\": 1000}")) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            assertThat(response.headers().first(PodHeader.HEADER)).contains(TestSupport.POD);
        }
        try (Http1ClientResponse response = client.get("/load/jobs").request()) {
            assertThat(response.status()).isEqualTo(Status.NOT_FOUND_404);
        }
    }

    @Test
    void hostRoutesAreLeftAlone() {
        long before = api.metrics().requestCount();
        try (Http1ClientResponse response = client.get("/hello").request()) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            assertThat(response.as(String.class)).isEqualTo("hello from the host");
            assertThat(response.headers().first(PodHeader.HEADER)).isEmpty();
        }
        assertThat(api.metrics().requestCount()).isEqualTo(before);
    }

    @Test
    void errorsAreProblemsUnderThePrefix() {
        try (Http1ClientResponse response = client.get("/harness/load/jobs/job_0_0").request()) {
            assertThat(response.status()).isEqualTo(Status.NOT_FOUND_404);
            assertThat(json(response.as(String.class)).getString("type")).isEqualTo(Problems.UNKNOWN_JOB);
        }
        try (Http1ClientResponse response = client.get("/harness/load/cpu/burn").request()) {
            assertThat(response.status()).isEqualTo(Status.METHOD_NOT_ALLOWED_405);
        }
        try (Http1ClientResponse response = postJson(client, "/harness/load/cpu/burn", "{\"complexity\": 0}")) {
            assertThat(response.status()).isEqualTo(Status.BAD_REQUEST_400);
            assertThat(json(response.as(String.class)).getString("field")).isEqualTo("complexity");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/harness/health/live", "/harness/health/ready", "/harness/openapi", "/harness/metrics",
            "/harness/system/info", "/harness/load/jobs"})
    void everyEndpointLivesUnderThePrefix(String path) {
        try (Http1ClientResponse response = client.get(path).request()) {
            assertThat(response.status()).as(path).isEqualTo(Status.OK_200);
        }
    }

    @Test
    void metricsLabelRoutesWithoutThePrefix() {
        try (Http1ClientResponse response = client.get("/harness/load/jobs/job_1_1").request()) {
            assertThat(response.status()).isEqualTo(Status.NOT_FOUND_404);
        }
        try (Http1ClientResponse response = client.get("/harness/metrics").request()) {
            List<ObservabilityTest.Sample> samples = ObservabilityTest.parse(response.as(String.class));
            assertThat(samples).filteredOn(s -> s.name().equals("http_server_requests_total"))
                    .extracting(s -> s.labels().get("route"))
                    .contains("/load/jobs/{job_id}")
                    .allSatisfy(route -> assertThat(route).doesNotStartWith("/harness"));
        }
    }

    @Test
    void openApiServerUrlIsThePrefix() {
        try (Http1ClientResponse response = client.get("/harness/openapi").request()) {
            JsonObject document = json(response.as(String.class));
            assertThat(document.getJsonArray("servers").getJsonObject(0).getString("url")).isEqualTo("/harness");
        }
    }

    @Test
    void localFanOutTargetsThePrefixedApi() {
        try (Http1ClientResponse response = postJson(client, "/harness/load/cluster",
                "{\"concurrency\": 2, \"iterations\": 1000, \"requests\": 4}")) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            JsonObject result = json(response.as(String.class));
            assertThat(result.getString("target")).endsWith("/harness");
            assertThat(result.getInt("succeeded")).isEqualTo(4);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"harness", "/harness/", "/har ness", "//harness"})
    void malformedPrefixIsRefused(String prefix) {
        assertThatThrownBy(() -> HarnessApi.register(HttpRouting.builder(), prefix, HARNESS, TestSupport.settings()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefix");
    }
}
