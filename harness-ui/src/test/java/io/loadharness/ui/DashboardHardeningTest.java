package io.loadharness.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadharness.core.LoadHarness;
import io.loadharness.core.fanout.CallResult;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attacks on the dashboard from a browser's point of view: cross-site posts to every mutating route,
 * markup and script payloads in every value the dashboard echoes, and the security headers on every
 * kind of response.
 */
class DashboardHardeningTest {

    static final List<String> PAYLOADS = List.of(
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "'><svg onload=alert(1)>",
            "</p><iframe src=//evil.example></iframe>",
            "{{ 7*7 }}{% raw %}");
    private static final String EVIL_POD = "<script>alert('pod')</script>";
    private static final String EVIL_ENV = "\"><img src=x onerror=alert('env')>";

    private static LoadHarness harness;
    private static TestServer server;
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final AtomicInteger ECHOES = new AtomicInteger();

    @BeforeAll
    static void start() {
        harness = LoadHarness.builder().podName("hardening-pod").build();
        Dashboard dashboard = Dashboard.builder()
                .harness(harness)
                .environment(EVIL_ENV)
                .podName(EVIL_POD)
                .cluster((iterations, timeout) -> CallResult.ok("pod-a"), "http://cluster.test")
                .build();
        server = new TestServer(routing -> dashboard.register(routing, ""));
    }

    @AfterEach
    void stopJobs() {
        harness.stopAll();
    }

    @AfterAll
    static void stop() {
        Figures.start("dashboard-hardening")
                .put("hostile requests sent", REQUESTS.get())
                .put("answers that echoed a payload, all escaped", ECHOES.get())
                .put("payloads", PAYLOADS);
        server.close();
        harness.close();
    }

    static Stream<Arguments> crossSiteAttempts() {
        List<Arguments> all = new ArrayList<>();
        String[][] headers = {
                {"cross-site", null}, {"same-site", null}, {null, "https://evil.example"}, {null, "null"},
                {"same-origin", "https://evil.example"}, {"none", "http://127.0.0.1:1"}, {"cross-site", "SELF"}};
        for (String path : DashboardAccessTest.MUTATING.keySet()) {
            for (String[] h : headers) {
                all.add(Arguments.of(path, h[0], h[1]));
            }
        }
        all.add(Arguments.of("/ui/login", "cross-site", null));
        return all.stream();
    }

    @ParameterizedTest(name = "{0} Sec-Fetch-Site={1} Origin={2}")
    @MethodSource("crossSiteAttempts")
    void everyMutatingRouteRefusesCrossSiteRequests(String path, String fetchSite, String origin) throws Exception {
        int jobs = harness.jobs().size();
        HttpRequest.Builder request = server.formRequest(path, DashboardAccessTest.MUTATING.getOrDefault(path, "token=x"));
        if (fetchSite != null) {
            request.header("Sec-Fetch-Site", fetchSite);
        }
        if (origin != null) {
            request.header("Origin", origin.equals("SELF") ? server.origin() : origin);
        }
        HttpResponse<String> res = send(request);
        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(Jsoup.parseBodyFragment(res.body()).selectFirst(".result.error h4").text())
                .isEqualTo("Cross-site request refused");
        assertThat(harness.jobs()).hasSize(jobs);
        assertThat(harness.heldMemoryBytes()).isZero();
    }

    static Stream<Arguments> echoes() {
        List<Arguments> all = new ArrayList<>();
        for (String payload : PAYLOADS) {
            String encoded = URLEncoder.encode(payload, StandardCharsets.UTF_8);
            String pathSafe = encoded.replace("+", "%20");
            all.add(Arguments.of("unknown field", "/ui/partials/cpu-burn-result", encoded + "=1", null, null, payload));
            all.add(Arguments.of("field value", "/ui/partials/cpu-burn-result", "duration_ms=" + encoded, null, null, null));
            all.add(Arguments.of("content type", "/ui/partials/memory-result", "size_mb=10", "text/" + payload.replace(' ', '_'), null, null));
            all.add(Arguments.of("job id", "/ui/partials/active-jobs/" + pathSafe + "/stop", "", null, null, null));
            all.add(Arguments.of("run id", "/ui/partials/cluster-runs/" + pathSafe + "/cancel", "", null, null, null));
            all.add(Arguments.of("origin", "/ui/partials/cpu-burn-result", "duration_ms=1", null, "https://x/" + payload.replace(' ', '_'), null));
            all.add(Arguments.of("repeated name", "/ui/partials/cpu-burn-result", encoded + "=1&" + encoded + "=2", null, null, payload));
            all.add(Arguments.of("login token", "/ui/login", "token=" + encoded, null, null, null));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("echoes")
    void markupAndScriptInEveryEchoedValueIsEscaped(String what, String path, String form, String contentType,
                                                     String origin, String echoed) throws Exception {
        HttpRequest.Builder request = server.formRequest(path, form).header("Sec-Fetch-Site", "same-origin");
        request.header("Origin", origin == null ? server.origin() : origin);
        if (contentType != null) {
            request.setHeader("Content-Type", contentType);
        }
        HttpResponse<String> res = send(request);
        assertThat(res.statusCode()).as(res.body()).isBetween(200, 499);
        assertNoActiveMarkup(res.body(), path.equals("/ui/login"));
        assertSecurityHeaders(res);
        if (echoed != null) {
            assertThat(Jsoup.parse(res.body()).text()).as("the payload is shown as text").contains(echoed.strip());
        }
        if (Jsoup.parse(res.body()).text().contains("alert(") || Jsoup.parse(res.body()).text().contains("{{ 7*7 }}")) {
            ECHOES.incrementAndGet();
        }
    }

    @Test
    void theConfiguredPodAndEnvironmentAreEscapedOnThePage() throws Exception {
        HttpResponse<String> res = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.origin() + "/ui")).GET());
        assertThat(res.statusCode()).isEqualTo(200);
        assertNoActiveMarkup(res.body(), true);
        Document page = Jsoup.parse(res.body());
        assertThat(page.selectFirst("#pod-name").text()).isEqualTo(EVIL_POD);
        assertThat(page.selectFirst(".badge.env").text()).isEqualTo("Environment: " + EVIL_ENV);
        assertThat(res.body()).doesNotContain(EVIL_POD).doesNotContain(EVIL_ENV);
        assertSecurityHeaders(res);
        ECHOES.incrementAndGet();
    }

    @Test
    void everyKindOfDashboardResponseCarriesTheSecurityHeaders() throws Exception {
        for (String path : List.of("/ui", "/ui/partials/active-jobs", "/ui/partials/live-metrics", "/ui/login",
                "/ui/partials/cluster-runs/nope", "/ui/assets/dashboard.css", "/ui/assets/nope.js")) {
            HttpResponse<String> res = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.origin() + path)).GET());
            assertThat(res.statusCode()).as(path).isLessThan(500);
            assertSecurityHeaders(res);
        }
        assertSecurityHeaders(send(server.formRequest("/ui/partials/cpu-burn-result", "x=1").header("Sec-Fetch-Site", "cross-site")));
        assertSecurityHeaders(send(server.formRequest("/ui/partials/cpu-burn-result", "duration_ms=0")));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        REQUESTS.incrementAndGet();
        return server.send(request);
    }

    /** No script, frame, image or SVG that the dashboard did not put there, and no event-handler attribute. */
    private static void assertNoActiveMarkup(String html, boolean fullPage) {
        Document document = fullPage ? Jsoup.parse(html) : Jsoup.parseBodyFragment(html);
        for (Element script : document.select("script")) {
            assertThat(script.attr("src")).as("only the dashboard's own scripts, from files").startsWith("/ui/assets/");
            assertThat(script.data()).isEmpty();
        }
        assertThat(document.select("iframe, svg, object, embed")).isEmpty();
        assertThat(document.select("img").stream().map(img -> img.attr("src")).toList())
                .allSatisfy(src -> assertThat(src).startsWith("/ui/assets/"));
        document.getAllElements().forEach(element -> element.attributes().forEach(attribute ->
                assertThat(attribute.getKey()).as("attribute of <%s>", element.tagName()).doesNotStartWith("on")));
    }

    private static void assertSecurityHeaders(HttpResponse<String> res) {
        assertThat(res.headers().firstValue("Content-Security-Policy")).as("CSP of %s", res.uri()).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(res.headers().firstValue("X-Content-Type-Options")).as("nosniff of %s", res.uri()).contains("nosniff");
        assertThat(res.headers().firstValue("Referrer-Policy")).as("Referrer-Policy of %s", res.uri()).isPresent();
    }
}
