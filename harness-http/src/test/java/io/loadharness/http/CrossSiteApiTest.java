package io.loadharness.http;

import static io.loadharness.http.TestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.Method;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A web page a cluster user visits must not be able to start load through the open API: the requests
 * a browser sends cross-site without a CORS preflight (an HTML form, a bodiless no-cors fetch) are
 * refused, and nothing starts. Clients that are not browsers are unaffected.
 */
class CrossSiteApiTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static HarnessServer server;
    private static int attempts;

    @BeforeAll
    static void start() {
        server = HarnessServer.builder().settings(TestSupport.settings()).build().start();
    }

    @AfterEach
    void nothingStarted() {
        server.harness().stopAll();
    }

    @AfterAll
    static void stop() {
        ReliabilityReport.start("cross-site-api").put("cross-site requests sent", attempts)
                .put("load started by them", "none (every one answered 403 or 415, no job, no memory)");
        server.stop();
    }

    static Stream<ApiRoutes.Route> mutatingRoutes() {
        return ApiRoutes.ALL.stream().filter(route -> route.method() != Method.GET);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutatingRoutes")
    void aCrossSiteBrowserRequestToAnyMutatingRouteIsForbidden(ApiRoutes.Route route) throws Exception {
        String path = route.template().replace("{job_id}", "job_0_0");
        RawHttp.Answer answer = send(route.method().text() + " " + path, "Sec-Fetch-Site: cross-site\nOrigin: https://evil.example", "");
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.header("content-type")).startsWith(Problems.CONTENT_TYPE);
        assertThat(json(answer.text()).getString("detail")).contains("cross-site");
        assertNothingStarted();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "Origin: https://evil.example",
            "Origin: null",
            "Sec-Fetch-Site: same-site",
            "Origin: http://127.0.0.1:1",
            "Sec-Fetch-Site: cross-site"})
    void aBodilessCrossSitePostIsForbidden(String headers) throws Exception {
        RawHttp.Answer answer = send("POST /load/cpu", headers, "");
        assertThat(answer.status()).isEqualTo(403);
        assertNothingStarted();
    }

    @Test
    void anEmptyHtmlFormPostIsUnsupportedEvenWithoutFetchMetadata() throws Exception {
        for (String type : new String[] {"application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x"}) {
            RawHttp.Answer answer = send("POST /load/memory/jobs", "Content-Type: " + type, "");
            assertThat(answer.status()).as(type).isEqualTo(415);
            assertNothingStarted();
        }
    }

    @Test
    void aSameOriginBrowserRequestAndAPlainClientAreServed() throws Exception {
        RawHttp.Answer browser = deliver("POST /load/cpu/burn", "Sec-Fetch-Site: same-origin\nOrigin: http://127.0.0.1:"
                + server.port() + "\nContent-Type: application/json", "{\"duration_ms\": 1}");
        assertThat(browser.status()).isEqualTo(200);
        RawHttp.Answer curl = deliver("POST /load/cpu/burn", "", "");
        assertThat(curl.status()).isEqualTo(200);
        JsonObject burn = json(curl.text());
        assertThat(burn.getInt("duration_ms")).isPositive();
    }

    /** Sends a cross-site attempt, counted for the report. */
    private static RawHttp.Answer send(String requestLine, String headers, String body) throws Exception {
        attempts++;
        return deliver(requestLine, headers, body);
    }

    private static RawHttp.Answer deliver(String requestLine, String headers, String body) throws Exception {
        String head = requestLine + " HTTP/1.1\nHost: 127.0.0.1:" + server.port() + (headers.isEmpty() ? "" : "\n" + headers);
        return RawHttp.send(server.port(), head, body.getBytes(StandardCharsets.UTF_8), TIMEOUT);
    }

    private static void assertNothingStarted() {
        assertThat(server.harness().jobs()).isEmpty();
        assertThat(server.harness().heldMemoryBytes()).isZero();
    }
}
