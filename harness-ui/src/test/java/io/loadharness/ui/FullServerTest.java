package io.loadharness.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.loadharness.core.LoadHarness;
import io.loadharness.http.HarnessSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The full server: API, dashboard, metrics, health and OpenAPI on one port; and the one-call mount. */
class FullServerTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static LoadHarnessServer server;

    @BeforeAll
    static void start() {
        server = Main.start(HarnessSettings.builder().host("127.0.0.1").port(0).environment("local")
                .podName("full-pod").build(), Map.of("PROMETHEUS_URL", TestPorts.deadUrl()), false);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void rootRedirectsToTheDashboard() throws Exception {
        HttpResponse<String> res = get(server.port(), "/");

        assertThat(res.statusCode()).isEqualTo(302);
        assertThat(res.headers().firstValue("Location")).contains("/ui");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ui", "/metrics", "/health/live", "/health/ready", "/openapi", "/system/info"})
    void everythingIsServedOnOnePort(String path) throws Exception {
        assertThat(get(server.port(), path).statusCode()).isEqualTo(200);
    }

    @Test
    void dashboardShowsTheConfiguredPodAndEnvironment() throws Exception {
        Document page = Jsoup.parse(get(server.port(), "/ui").body());

        assertThat(page.selectFirst("#pod-name").text()).isEqualTo("full-pod");
        assertThat(page.selectFirst(".badge.env").text()).isEqualTo("Environment: local");
    }

    @Test
    void liveMetricsDegradeToThisProcessWhenPrometheusIsDown() throws Exception {
        HttpResponse<String> res = get(server.port(), "/ui/partials/live-metrics");

        assertThat(res.statusCode()).isEqualTo(200);
        Document panel = Jsoup.parseBodyFragment(res.body());
        assertThat(panel.selectFirst(".metrics-unavailable strong").text())
                .isEqualTo("Metrics unavailable - Prometheus not connected at " + server.liveMetrics().prometheusUrl());
        assertThat(panel.selectFirst(".metrics-unavailable button.retry").attr("hx-get")).isEqualTo("/ui/partials/live-metrics");
        assertThat(panel.selectFirst(".badge.source").attr("data-source")).isEqualTo("local");
        assertThat(panel.selectFirst("#metrics-point").attr("data-t")).matches("\\d{13}");
    }

    @Test
    void chartHistoryIsJsonPerFigure() throws Exception {
        String url = Jsoup.parse(get(server.port(), "/ui").body()).selectFirst("#metrics-charts").attr("data-history-url");

        HttpResponse<String> res = get(server.port(), url);

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(res.body()).matches("\\{\"cpu\":\\[.*],\"memory\":\\[.*],\"rps\":\\[.*]}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "3601", "abc"})
    void chartHistoryOutsideItsWindowRangeIsABadRequest(String window) throws Exception {
        HttpResponse<String> res = get(server.port(), "/ui/api/metrics-history?window_seconds=" + window);

        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).contains("window_seconds must be between 10 and 3600");
    }

    @Test
    void localClusterRunCallsThisServerOverHttp() throws Exception {
        HttpResponse<String> res = CLIENT.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/ui/partials/cluster-result"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("concurrency=2&iterations=1000&requests=4")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        assertThat(res.statusCode()).isEqualTo(200);
        Document result = Jsoup.parseBodyFragment(res.body());
        assertThat(result.selectFirst(".cluster-result dd.succeeded").text()).isEqualTo("4");
        assertThat(result.selectFirst(".pod-share .pod-name").text()).isEqualTo("full-pod");
    }

    @Test
    void oneCallMountsApiAndDashboardUnderAPrefix() throws Exception {
        try (LoadHarness harness = LoadHarness.builder().podName("embedded-pod").build()) {
            HttpRouting.Builder routing = HttpRouting.builder();
            routing.get("/", (req, res) -> res.send("the host application"));
            HarnessUi ui = HarnessUi.register(routing, "/loadharness", harness,
                    HarnessSettings.builder().environment("local").podName("embedded-pod").build(),
                    Map.of("PROMETHEUS_URL", TestPorts.deadUrl()));
            WebServer host = WebServer.builder().host("127.0.0.1").port(0).routing(routing).build().start();
            try (ui) {
                assertThat(ui.dashboardPath()).isEqualTo("/loadharness/ui");
                assertThat(get(host.port(), "/").body()).isEqualTo("the host application");
                Document page = Jsoup.parse(get(host.port(), "/loadharness/ui").body());
                assertThat(page.select("[hx-post]").eachAttr("hx-post"))
                        .isNotEmpty().allSatisfy(url -> assertThat(url).startsWith("/loadharness/ui/partials/"));
                assertThat(get(host.port(), "/loadharness/ui/assets/htmx.min.js").statusCode()).isEqualTo(200);
                assertThat(get(host.port(), "/loadharness/metrics").statusCode()).isEqualTo(200);
                assertThat(get(host.port(), "/loadharness/system/info").body()).contains("embedded-pod");
                HttpResponse<String> cluster = CLIENT.send(HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + host.port() + "/loadharness/ui/partials/cluster-result"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("concurrency=1&iterations=1000&requests=2")).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                assertThat(Jsoup.parseBodyFragment(cluster.body()).selectFirst(".cluster-result dd.succeeded").text())
                        .as("the local fan-out target follows the prefix").isEqualTo("2");
            } finally {
                host.stop();
            }
        }
    }
}
