package io.loadharness.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadharness.core.LoadHarness;
import io.loadharness.core.fanout.CallResult;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every dashboard route over real HTTP against a real server and a real harness. */
class DashboardRoutesTest {

    private static LoadHarness harness;
    private static TestServer server;
    /** Calls of the slow transport wait on this until a test releases them. */
    private static volatile CountDownLatch gate = new CountDownLatch(0);

    @BeforeAll
    static void start() {
        harness = LoadHarness.builder().podName("pod-under-test").build();
        Dashboard dashboard = Dashboard.builder()
                .harness(harness)
                .environment("staging")
                .cluster((iterations, timeout) -> {
                    gate.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    return CallResult.ok("pod-" + (iterations % 3));
                }, "http://cluster.test")
                .build();
        server = new TestServer(routing -> dashboard.register(routing, ""));
    }

    @AfterAll
    static void stop() {
        server.close();
        harness.close();
    }

    @AfterEach
    void stopJobs() {
        gate.countDown();
        harness.stopAll();
    }

    @Test
    void pageRendersWithSecurityHeaders() throws Exception {
        HttpResponse<String> res = server.get("/ui");

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(res.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(res.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(res.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        Document page = Jsoup.parse(res.body());
        assertThat(page.selectFirst("h1").text()).isEqualTo("LoadHarness Dashboard");
        assertThat(page.selectFirst("#pod-name").text()).isEqualTo("pod-under-test");
    }

    @ParameterizedTest
    @CsvSource({
            "htmx.min.js, text/javascript",
            "chart.umd.js, text/javascript",
            "dashboard.js, text/javascript",
            "charts.js, text/javascript",
            "theme.js, text/javascript",
            "dashboard.css, text/css",
            "favicon.svg, image/svg+xml"})
    void assetsAreServedFromTheJar(String name, String type) throws Exception {
        HttpResponse<String> res = server.get("/ui/assets/" + name);

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith(type));
        assertThat(res.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(res.body()).isNotBlank();
    }

    @Test
    void assetIsRevalidatedByItsEtag() throws Exception {
        String etag = server.get("/ui/assets/dashboard.css").headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> res = server.send(HttpRequest.newBuilder(URI.create(server.origin() + "/ui/assets/dashboard.css"))
                .header("If-None-Match", etag).GET());

        assertThat(res.statusCode()).isEqualTo(304);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope.js", "..%2Fdashboard.peb", "module-info.class"})
    void unknownAssetIsNotFound(String name) throws Exception {
        assertThat(server.get("/ui/assets/" + name).statusCode()).isEqualTo(404);
    }

    @Test
    void burnAnswersWithItsResult() throws Exception {
        HttpResponse<String> res = server.post("/ui/partials/cpu-burn-result", "duration_ms=20&complexity=2");

        assertThat(res.statusCode()).isEqualTo(200);
        Element result = Jsoup.parseBodyFragment(res.body()).selectFirst(".result.success");
        assertThat(result).isNotNull();
        assertThat(result.selectFirst("h4").text()).startsWith("Completed in ").endsWith(" ms");
        assertThat(result.selectFirst("dd.complexity").text()).isEqualTo("2");
        assertThat(result.selectFirst("dd.iterations").text()).matches("\\d{1,3}(,\\d{3})*");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/ui/partials/cpu-burn-result | duration_ms=0&complexity=5 | duration_ms must be between 1 and 10000",
            "/ui/partials/cpu-burn-result | duration_ms=abc | duration_ms must be between 1 and 10000",
            "/ui/partials/cpu-burn-result | duration_ms=<b>1</b> | duration_ms must be between 1 and 10000",
            "/ui/partials/cpu-burn-result | duraton_ms=5 | unknown field 'duraton_ms'",
            "/ui/partials/cpu-burn-result | duration_ms=5&duration_ms=6 | duration_ms must be given once",
            "/ui/partials/cpu-burn-result | duration_ms=%ZZ | is not valid application/x-www-form-urlencoded",
            "/ui/partials/cpu-burn-result | duration_ms=% | is not valid application/x-www-form-urlencoded",
            "/ui/partials/cpu-burn-result | duration_ms=99999999999999999999 | duration_ms must be between 1 and 10000",
            "/ui/partials/cpu-result | cores=1&duration_seconds=5&intensity=5 | duration_seconds must be between 10 and 300",
            "/ui/partials/cpu-result | cores=100000&duration_seconds=10 | cores must be between 1 and",
            "/ui/partials/memory-result | size_mb=5000 | size_mb must be between 10 and 500",
            "/ui/partials/memory-job-result | size_mb=10&duration_seconds=601 | duration_seconds must be between 10 and 600",
            "/ui/partials/cluster-result | concurrency=101 | concurrency must be between 1 and 100",
            "/ui/partials/cluster-result | concurrency=1&iterations=999 | iterations must be between 1000 and 10000000"})
    void badValueAnswersWithAnErrorFragmentNamingTheField(String path, String form, String message) throws Exception {
        HttpResponse<String> res = server.post(path, form);

        assertThat(res.statusCode()).isEqualTo(422);
        Element error = Jsoup.parseBodyFragment(res.body()).selectFirst(".result.error");
        assertThat(error).isNotNull();
        assertThat(error.attr("role")).isEqualTo("alert");
        assertThat(error.selectFirst(".message").text()).contains(message);
        assertThat(res.body()).doesNotContain("<b>");
    }

    @Test
    void bodyThatIsNotAFormIsRejectedWithAFragment() throws Exception {
        HttpResponse<String> res = server.send(HttpRequest.newBuilder(URI.create(server.origin() + "/ui/partials/cpu-burn-result"))
                .header("Content-Type", "application/json")
                .header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.ofString("{\"duration_ms\":5}")));

        assertThat(res.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parseBodyFragment(res.body()).selectFirst(".result.error .message").text())
                .contains("application/x-www-form-urlencoded");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cross-site | ",
            "same-site | ",
            " | http://evil.example",
            "same-origin | http://evil.example",
            " | null"})
    void crossSitePostIsRefused(String fetchSite, String origin) throws Exception {
        HttpRequest.Builder request = server.formRequest("/ui/partials/cpu-burn-result", "duration_ms=1");
        if (fetchSite != null) {
            request.header("Sec-Fetch-Site", fetchSite);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }

        HttpResponse<String> res = server.send(request);

        assertThat(res.statusCode()).isEqualTo(403);
        Element error = Jsoup.parseBodyFragment(res.body()).selectFirst(".result.error");
        assertThat(error.selectFirst("h4").text()).isEqualTo("Cross-site request refused");
    }

    @Test
    void postWithoutFetchMetadataOrOriginIsAccepted() throws Exception {
        HttpResponse<String> res = server.send(server.formRequest("/ui/partials/cpu-burn-result", "duration_ms=1"));

        assertThat(res.statusCode()).isEqualTo(200);
    }

    @Test
    void stopRoutesAreGuardedToo() throws Exception {
        HttpResponse<String> res = server.send(server.formRequest("/ui/partials/active-jobs/stop-all", "")
                .header("Sec-Fetch-Site", "cross-site"));

        assertThat(res.statusCode()).isEqualTo(403);
    }

    @Test
    void cpuJobStartsShowsInTheJobsPanelAndStops() throws Exception {
        HttpResponse<String> started = server.post("/ui/partials/cpu-result", "cores=1&duration_seconds=10&intensity=1");

        assertThat(started.statusCode()).isEqualTo(200);
        assertThat(started.headers().firstValue("HX-Trigger")).contains("jobs-changed");
        String id = Jsoup.parseBodyFragment(started.body()).selectFirst("dd.job-id").text();
        assertThat(id).isNotBlank();

        Document panel = Jsoup.parseBodyFragment(server.get("/ui/partials/active-jobs").body());
        Element row = panel.selectFirst("li.job[data-job-id=" + id + "]");
        assertThat(row).isNotNull();
        assertThat(row.selectFirst(".badge.status").text()).isEqualTo("running");
        assertThat(row.selectFirst("dd.target").text()).isEqualTo("10.0%");
        assertThat(row.selectFirst("button.stop").attr("hx-post")).isEqualTo("/ui/partials/active-jobs/" + id + "/stop");

        HttpResponse<String> stopped = server.post("/ui/partials/active-jobs/" + id + "/stop", "");

        assertThat(stopped.statusCode()).isEqualTo(200);
        Document after = Jsoup.parseBodyFragment(stopped.body());
        assertThat(after.selectFirst(".notice").text()).isEqualTo("Stopped " + id + ".");
        assertThat(after.selectFirst("li.job[data-job-id=" + id + "] .badge.status").text()).isEqualTo("stopped");
        assertThat(after.selectFirst("li.job[data-job-id=" + id + "] button.stop")).isNull();
    }

    @Test
    void stopAllStopsEveryRunningJob() throws Exception {
        server.post("/ui/partials/cpu-result", "cores=1&duration_seconds=10&intensity=1");
        server.post("/ui/partials/memory-job-result", "size_mb=10&duration_seconds=10");

        HttpResponse<String> res = server.post("/ui/partials/active-jobs/stop-all", "");

        assertThat(res.statusCode()).isEqualTo(200);
        Document panel = Jsoup.parseBodyFragment(res.body());
        assertThat(panel.selectFirst(".notice").text()).isEqualTo("Stopped 2 jobs.");
        assertThat(panel.select("button.stop")).isEmpty();
        assertThat(harness.runningJobs()).isZero();
    }

    @Test
    void stoppingAnUnknownJobIsNotFound() throws Exception {
        HttpResponse<String> res = server.post("/ui/partials/active-jobs/job_nope/stop", "");

        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(Jsoup.parseBodyFragment(res.body()).selectFirst(".result.error .message").text()).contains("job_nope");
    }

    @Test
    void memoryHoldAnswersWithRss() throws Exception {
        HttpResponse<String> res = server.post("/ui/partials/memory-result", "size_mb=10&duration_ms=100");

        assertThat(res.statusCode()).isEqualTo(200);
        Element result = Jsoup.parseBodyFragment(res.body()).selectFirst(".result.success");
        assertThat(result.selectFirst("dd.size").text()).isEqualTo("10 MB");
        assertThat(result.selectFirst("dd.rss-peak").text()).matches("[\\d,]+\\.\\d MB|-");
    }

    @Test
    void memoryJobStartsAndRaisesTheJobsEvent() throws Exception {
        HttpResponse<String> res = server.post("/ui/partials/memory-job-result", "size_mb=10&duration_seconds=10");

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("HX-Trigger")).contains("jobs-changed");
        Element result = Jsoup.parseBodyFragment(res.body()).selectFirst(".result.success");
        assertThat(result.selectFirst("h4").text()).isEqualTo("Memory job started");
        assertThat(result.selectFirst("dd.size").text()).isEqualTo("10 MB");
    }

    @Test
    void quickClusterRunAnswersWithItsResult() throws Exception {
        HttpResponse<String> res = server.post("/ui/partials/cluster-result", "concurrency=3&iterations=1000&requests=9");

        assertThat(res.statusCode()).isEqualTo(200);
        Element result = Jsoup.parseBodyFragment(res.body()).selectFirst(".cluster-result");
        assertThat(result).isNotNull();
        assertThat(result.selectFirst("dd.requests").text()).isEqualTo("9 of 9");
        assertThat(result.selectFirst("dd.succeeded").text()).isEqualTo("9");
        assertThat(result.selectFirst("dd.unique-pods").text()).isEqualTo("1");
        assertThat(result.select("li.pod-share progress").attr("max")).isEqualTo("9");
    }

    @Test
    void slowClusterRunShowsProgressAndCanBeCancelled() throws Exception {
        gate = new CountDownLatch(1);
        HttpResponse<String> started = server.post("/ui/partials/cluster-result", "concurrency=2&iterations=1000&requests=50");

        assertThat(started.statusCode()).isEqualTo(200);
        Element progress = Jsoup.parseBodyFragment(started.body()).selectFirst(".cluster-progress");
        assertThat(progress).isNotNull();
        String runId = progress.attr("data-run-id");
        assertThat(progress.attr("hx-get")).isEqualTo("/ui/partials/cluster-runs/" + runId);
        assertThat(progress.selectFirst("progress").attr("max")).isEqualTo("50");

        HttpResponse<String> polled = server.get("/ui/partials/cluster-runs/" + runId);
        assertThat(Jsoup.parseBodyFragment(polled.body()).selectFirst(".cluster-progress dd.done").text()).endsWith("of 50");

        HttpResponse<String> cancelled = server.post("/ui/partials/cluster-runs/" + runId + "/cancel", "");

        assertThat(cancelled.statusCode()).isEqualTo(200);
        Element result = Jsoup.parseBodyFragment(cancelled.body()).selectFirst(".cluster-result");
        assertThat(result).isNotNull();
        assertThat(result.selectFirst("h4").text()).startsWith("Cancelled after").endsWith("of 50 calls");
    }

    @Test
    void unknownClusterRunIsNotFound() throws Exception {
        assertThat(server.get("/ui/partials/cluster-runs/run_999").statusCode()).isEqualTo(404);
    }

    @Test
    void liveMetricsWithoutAConfiguredSourceSaySo() throws Exception {
        HttpResponse<String> res = server.get("/ui/partials/live-metrics");

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parseBodyFragment(res.body()).selectFirst(".empty").text())
                .isEqualTo("Live metrics are not configured for this server.");
        assertThat(server.get("/ui/api/metrics-history?window_seconds=60").body()).isEqualTo("{}");
    }

    @Test
    void clusterWithoutATargetIsUnavailableNotAServerError() throws Exception {
        try (LoadHarness own = LoadHarness.builder().podName("lonely").build();
             TestServer lonely = new TestServer(routing -> Dashboard.builder().harness(own).build().register(routing, ""))) {
            HttpResponse<String> res = lonely.post("/ui/partials/cluster-result", "concurrency=1");

            assertThat(res.statusCode()).isEqualTo(503);
            assertThat(Jsoup.parseBodyFragment(res.body()).selectFirst(".result.error .message").text())
                    .isEqualTo("No cluster URL is configured for this server.");
        }
    }

    @Test
    void limitReachedIsA429Fragment() throws Exception {
        try (LoadHarness small = LoadHarness.builder().podName("small")
                .limits(io.loadharness.core.Limits.builder().maxConcurrentJobs(1).build()).build();
             TestServer limited = new TestServer(routing -> Dashboard.builder().harness(small).build().register(routing, ""))) {
            limited.post("/ui/partials/memory-job-result", "size_mb=10&duration_seconds=10");

            HttpResponse<String> res = limited.post("/ui/partials/memory-job-result", "size_mb=10&duration_seconds=10");

            assertThat(res.statusCode()).isEqualTo(429);
            Element error = Jsoup.parseBodyFragment(res.body()).selectFirst(".result.error");
            assertThat(error.selectFirst("h4").text()).isEqualTo("Limit reached");
            assertThat(error.selectFirst(".message").text()).isNotBlank();
        }
    }

    @Test
    void systemInfoIsJson() throws Exception {
        HttpResponse<String> res = server.get("/ui/api/system-info");

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(res.body()).startsWith("{\"pod_name\":\"pod-under-test\"").contains("\"cores\":");
    }
}
