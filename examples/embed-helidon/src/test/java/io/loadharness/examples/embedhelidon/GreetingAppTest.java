package io.loadharness.examples.embedhelidon;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.loadharness.core.LoadHarness;
import io.loadharness.http.HarnessSettings;
import io.loadharness.ui.HarnessUi;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GreetingAppTest {

    private static LoadHarness harness;
    private static HarnessUi ui;
    private static WebServer server;
    private static Http1Client client;

    @BeforeAll
    static void start() throws Exception {
        HarnessSettings settings = HarnessSettings.builder().host("127.0.0.1").port(0).podName("greeting-pod").build();
        harness = LoadHarness.builder().podName("greeting-pod").limits(settings.limits()).build();
        HttpRouting.Builder routing = HttpRouting.builder();
        // Prometheus is not what this test is about: point it at a closed port so the dashboard falls back at once.
        ui = GreetingApp.routing(routing, harness, settings, Map.of("PROMETHEUS_URL", "http://127.0.0.1:" + closedPort()));
        server = WebServer.builder().host("127.0.0.1").port(0).routing(routing).build().start();
        client = Http1Client.builder().baseUri("http://127.0.0.1:" + server.port()).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (ui != null) {
            ui.close();
        }
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void theServicesOwnRoutesStillAnswer() {
        try (Http1ClientResponse response = client.get("/greet/Ada").request()) {
            assertThat(response.status().code()).isEqualTo(200);
            assertThat(response.as(String.class)).isEqualTo("{\"message\":\"Hello Ada!\"}");
        }
        try (Http1ClientResponse response = client.get("/greet").request()) {
            assertThat(response.as(String.class)).isEqualTo("{\"message\":\"Hello World!\"}");
        }
    }

    @Test
    void theMountedApiRunsABurnUnderThePrefix() {
        try (Http1ClientResponse response = client.post("/harness/load/cpu/burn")
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit("{\"duration_ms\": 20, \"complexity\": 2}")) {
            assertThat(response.status().code()).isEqualTo(200);
            assertThat(response.headers().get(HeaderNames.create("X-Pod-Name")).get()).isEqualTo("greeting-pod");
            assertThat(response.as(String.class)).contains("\"complexity\":2").contains("\"pod\":\"greeting-pod\"");
        }
    }

    @Test
    void theMountedDashboardLinksFollowThePrefix() {
        try (Http1ClientResponse response = client.get("/harness/ui").request()) {
            assertThat(response.status().code()).isEqualTo(200);
            String page = response.as(String.class);
            assertThat(page).contains("LoadHarness Dashboard").contains("/harness/ui/partials/");
        }
    }

    @Test
    void metricsAndHealthAreMountedToo() {
        try (Http1ClientResponse response = client.get("/harness/health/ready").request()) {
            assertThat(response.status().code()).isEqualTo(200);
        }
        try (Http1ClientResponse response = client.get("/harness/metrics").request()) {
            assertThat(response.status().code()).isEqualTo(200);
            assertThat(response.as(String.class)).contains("http_server_requests_total").contains("loadharness_cpu_workers_active");
        }
    }

    @Test
    void nothingOfLoadHarnessLeaksOutsideThePrefix() {
        try (Http1ClientResponse response = client.get("/load/jobs").request()) {
            assertThat(response.status().code()).isEqualTo(404);
        }
        try (Http1ClientResponse response = client.get("/ui").request()) {
            assertThat(response.status().code()).isEqualTo(404);
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
