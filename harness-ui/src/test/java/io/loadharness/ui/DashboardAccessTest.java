package io.loadharness.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadharness.core.LoadHarness;
import io.loadharness.core.fanout.CallResult;
import io.loadharness.http.ApiToken;
import io.loadharness.http.HarnessSettings;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dashboard with {@code HARNESS_API_TOKEN}: every mutating route needs the session cookie (or the
 * bearer token), sign-in trades the token for a secure, HttpOnly, SameSite=Strict cookie that is not the
 * token, and reads stay open.
 */
class DashboardAccessTest {

    private static final String TOKEN = "dashboard-token-0123456789abcdef";
    /** Every mutating route with a form that would start or stop something if let through. */
    static final Map<String, String> MUTATING = Map.of(
            "/ui/partials/cpu-result", "cores=1&duration_seconds=10&intensity=1",
            "/ui/partials/cpu-burn-result", "duration_ms=1&complexity=1",
            "/ui/partials/memory-result", "size_mb=10&duration_ms=100",
            "/ui/partials/memory-job-result", "size_mb=10&duration_seconds=10",
            "/ui/partials/cluster-result", "concurrency=1&iterations=1000&requests=1",
            "/ui/partials/cluster-runs/run_1/cancel", "",
            "/ui/partials/active-jobs/stop-all", "",
            "/ui/partials/active-jobs/job_1_1/stop", "");

    private static LoadHarness harness;
    private static TestServer server;

    @BeforeAll
    static void start() {
        harness = LoadHarness.builder().podName("guarded-pod").build();
        Dashboard dashboard = Dashboard.builder()
                .harness(harness)
                .apiToken(ApiToken.of(TOKEN))
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
        server.close();
        harness.close();
    }

    static List<String> mutatingRoutes() {
        return List.copyOf(MUTATING.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("mutatingRoutes")
    void everyMutatingRouteWithoutASessionIsUnauthorizedAndDoesNothing(String path) throws Exception {
        int jobsBefore = harness.jobs().size();
        HttpResponse<String> res = server.post(path, MUTATING.get(path));
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        Document fragment = Jsoup.parseBodyFragment(res.body());
        assertThat(fragment.selectFirst(".result.error h4").text()).isEqualTo("Sign in required");
        assertThat(fragment.selectFirst(".result.error .message").text()).contains("/ui/login");
        assertThat(harness.jobs()).hasSize(jobsBefore);
        assertThat(harness.heldMemoryBytes()).isZero();
    }

    @ParameterizedTest(name = "cookie {0}")
    @ValueSource(strings = {TOKEN, "", "x", "dashboard-token-0123456789abcdeg", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void aForgedSessionCookieIsUnauthorized(String value) throws Exception {
        HttpResponse<String> res = server.send(sameOrigin("/ui/partials/cpu-burn-result", "duration_ms=1")
                .header("Cookie", SessionGate.COOKIE + "=" + value));
        assertThat(res.statusCode()).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/ui", "/ui/partials/active-jobs", "/ui/partials/live-metrics", "/ui/api/system-info", "/ui/login"})
    void readsStayOpen(String path) throws Exception {
        assertThat(server.get(path).statusCode()).isEqualTo(200);
    }

    @Test
    void signingInSetsASecureHttpOnlyStrictCookieThatIsNotTheTokenAndOpensTheRoutes() throws Exception {
        HttpResponse<String> res = server.post("/ui/login", "token=" + TOKEN);
        assertThat(res.statusCode()).isEqualTo(303);
        assertThat(res.headers().firstValue("Location")).contains("/ui/");
        String header = res.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(header).contains("HttpOnly").contains("Secure").contains("SameSite=Strict").contains("Path=/ui")
                .doesNotContain(TOKEN);
        HttpCookie cookie = HttpCookie.parse(header).getFirst();
        assertThat(cookie.getName()).isEqualTo(SessionGate.COOKIE);
        assertThat(cookie.getValue()).isEqualTo(ApiToken.of(TOKEN).sessionValue());

        HttpResponse<String> job = server.send(sameOrigin("/ui/partials/cpu-result", "cores=1&duration_seconds=10&intensity=1")
                .header("Cookie", cookie.getName() + "=" + cookie.getValue()));
        assertThat(job.statusCode()).isEqualTo(200);
        assertThat(harness.runningJobs()).isEqualTo(1);
    }

    @Test
    void theBearerTokenWorksOnTheDashboardToo() throws Exception {
        HttpResponse<String> res = server.send(sameOrigin("/ui/partials/cpu-burn-result", "duration_ms=1&complexity=1")
                .header("Authorization", "Bearer " + TOKEN));
        assertThat(res.statusCode()).isEqualTo(200);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"wrong-token-0123456789abcdef", "dashboard-token-0123456789abcde", "%3Cscript%3E"})
    void aWrongTokenIsRefusedWithTheFormAndNoCookie(String token) throws Exception {
        HttpResponse<String> res = server.post("/ui/login", "token=" + token);
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(res.headers().firstValue("Set-Cookie")).isEmpty();
        Document page = Jsoup.parse(res.body());
        assertThat(page.selectFirst("form input[name=token]").attr("type")).isEqualTo("password");
        assertThat(page.selectFirst(".result.error").text()).contains("not the access token");
        assertThat(res.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "token=", "token=a&token=b", "other=x"})
    void aMalformedSignInIsAClientErrorWithNoCookie(String form) throws Exception {
        HttpResponse<String> res = server.post("/ui/login", form);
        assertThat(res.statusCode()).isBetween(400, 499);
        assertThat(res.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void aCrossSiteSignInIsRefusedBeforeTheTokenIsLookedAt() throws Exception {
        HttpResponse<String> res = server.send(server.formRequest("/ui/login", "token=" + TOKEN)
                .header("Sec-Fetch-Site", "cross-site").header("Origin", "https://evil.example"));
        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(res.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void withoutATokenTheSignInPageSendsYouToTheDashboard() throws Exception {
        try (LoadHarness open = LoadHarness.builder().podName("open").build();
             TestServer openServer = new TestServer(routing -> Dashboard.builder().harness(open).build().register(routing, ""))) {
            HttpResponse<String> res = openServer.get("/ui/login");
            assertThat(res.statusCode()).isEqualTo(303);
            assertThat(res.headers().firstValue("Location")).contains("/ui/");
        }
    }

    @Test
    void theFullServerGuardsApiAndDashboardAndItsOwnFanOutCarriesTheToken() throws Exception {
        HarnessSettings settings = HarnessSettings.builder().host("127.0.0.1").port(0).environment("local")
                .podName("full-guarded").apiToken(ApiToken.of(TOKEN)).build();
        try (LoadHarnessServer full = Main.start(settings, Map.of("PROMETHEUS_URL", TestPorts.deadUrl()), false)) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String origin = "http://127.0.0.1:" + full.port();
            HttpResponse<String> api = client.send(HttpRequest.newBuilder(URI.create(origin + "/load/cpu/burn"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).isEqualTo(401);
            assertThat(api.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));

            HttpResponse<String> run = client.send(HttpRequest.newBuilder(URI.create(origin + "/ui/partials/cluster-result"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Sec-Fetch-Site", "same-origin").header("Origin", origin)
                    .header("Cookie", SessionGate.COOKIE + "=" + ApiToken.of(TOKEN).sessionValue())
                    .POST(HttpRequest.BodyPublishers.ofString("concurrency=2&iterations=1000&requests=4")).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(run.statusCode()).isEqualTo(200);
            // The dashboard's own calls to /load/cpu/work carried the token: every one reached a pod.
            assertThat(run.body()).doesNotContain("401");
            assertThat(Jsoup.parseBodyFragment(run.body()).text()).contains("full-guarded");
        }
    }

    private static HttpRequest.Builder sameOrigin(String path, String form) {
        return server.formRequest(path, form).header("Sec-Fetch-Site", "same-origin").header("Origin", server.origin());
    }
}
