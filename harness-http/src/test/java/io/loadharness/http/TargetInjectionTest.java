package io.loadharness.http;

import static io.loadharness.http.TestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fan-out target comes only from configuration: no body field, query parameter or header makes
 * the server call an address of the caller's choosing. A second stub plays the attacker's address
 * and must never see a call.
 */
class TargetInjectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String WORK = "\"concurrency\": 2, \"iterations\": 1000, \"requests\": 4";

    private static StubTarget configured;
    private static StubTarget attacker;
    private static HarnessServer server;
    private static HarnessServer local;
    private static int requestsSent;

    @BeforeAll
    static void start() throws Exception {
        configured = new StubTarget(StubTarget.Mode.HEALTHY);
        attacker = new StubTarget(StubTarget.Mode.HEALTHY);
        server = HarnessServer.builder()
                .settings(HarnessSettings.builder().host("127.0.0.1").port(0).podName(TestSupport.POD)
                        .environment("production").clusterUrl(configured.uri()).limits(TestSupport.limits()).build())
                .build().start();
        local = HarnessServer.builder().settings(TestSupport.settings()).build().start();
    }

    @AfterEach
    void theAttackerSawNothing() {
        assertThat(attacker.calls()).as("calls that reached the attacker's address").isZero();
    }

    @AfterAll
    static void stop() {
        ReliabilityReport.start("target-injection")
                .put("hostile requests sent", requestsSent)
                .put("calls that reached the attacker's address", attacker.calls())
                .put("calls that reached the configured target", configured.calls());
        server.stop();
        local.stop();
        configured.close();
        attacker.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"target", "url", "host", "cluster_url", "base_url", "endpoint", "uri", "address", "port"})
    void aTargetFieldInTheBodyIsAnUnknownField(String field) throws Exception {
        int before = configured.calls();
        String value = field.equals("port") ? String.valueOf(attacker.uri().getPort()) : "\"" + attacker.uri() + "\"";
        RawHttp.Answer answer = post(server, "/load/cluster", "", "{" + WORK + ", \"" + field + "\": " + value + "}");
        assertThat(answer.status()).isEqualTo(400);
        JsonObject problem = json(answer.text());
        assertThat(problem.getString("type")).isEqualTo(Problems.UNKNOWN_FIELD);
        assertThat(problem.getString("field")).isEqualTo(field);
        assertThat(configured.calls()).as("no call is made for a refused request").isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "Host: ATTACKER",
            "X-Forwarded-Host: ATTACKER",
            "X-Forwarded-Host: ATTACKER\nX-Forwarded-Proto: http\nX-Forwarded-Port: APORT",
            "Forwarded: for=1.2.3.4;host=ATTACKER;proto=http",
            "X-Original-URL: http://ATTACKER/load/cpu/work",
            "X-Rewrite-URL: http://ATTACKER/",
            "X-Host: ATTACKER",
            "Referer: http://ATTACKER/"})
    void headersDoNotChangeTheTarget(String headers) throws Exception {
        String authority = attacker.uri().getRawAuthority();
        String extra = headers.replace("ATTACKER", authority).replace("APORT", String.valueOf(attacker.uri().getPort()));
        int before = configured.calls();
        RawHttp.Answer answer = post(server, "/load/cluster?target=http://" + authority + "&url=http://" + authority,
                extra, "{" + WORK + "}");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonObject result = json(answer.text());
        assertThat(result.getString("target")).isEqualTo(configured.uri().toString());
        assertThat(result.getInt("succeeded")).isEqualTo(4);
        assertThat(configured.calls() - before).isEqualTo(4);
        assertThat(configured.hostHeaders()).doesNotContain(authority);
    }

    @Test
    void anOriginNamingAnotherAddressIsRefusedAndCallsNothing() throws Exception {
        int before = configured.calls();
        RawHttp.Answer answer = post(server, "/load/cluster", "Origin: http://" + attacker.uri().getRawAuthority(), "{" + WORK + "}");
        assertThat(answer.status()).isEqualTo(403);
        assertThat(configured.calls()).isEqualTo(before);
    }

    @Test
    void inTheLocalEnvironmentTheTargetIsThisServerWhateverTheHostHeaderSays() throws Exception {
        String authority = attacker.uri().getRawAuthority();
        RawHttp.Answer answer = post(local, "/load/cluster", "Host: " + authority + "\nX-Forwarded-Host: " + authority,
                "{" + WORK + "}");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonObject result = json(answer.text());
        assertThat(result.getString("target")).isEqualTo("http://127.0.0.1:" + local.port());
        assertThat(result.getInt("succeeded")).isEqualTo(4);
    }

    @Test
    void theReportedTargetDoesNotFollowTheHostHeaderEither() throws Exception {
        String authority = attacker.uri().getRawAuthority();
        requestsSent++;
        RawHttp.Answer answer = RawHttp.send(local.port(), "GET /system/info HTTP/1.1\nHost: " + authority,
                new byte[0], TIMEOUT);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(json(answer.text()).getString("cluster_target")).isEqualTo("http://127.0.0.1:" + local.port());
    }

    private static RawHttp.Answer post(HarnessServer target, String path, String headers, String body) throws Exception {
        requestsSent++;
        String host = headers.toLowerCase(java.util.Locale.ROOT).startsWith("host:") ? "" : "Host: 127.0.0.1:" + target.port() + "\n";
        String head = "POST " + path + " HTTP/1.1\n" + host + (headers.isEmpty() ? "" : headers + "\n")
                + "Content-Type: application/json";
        return RawHttp.send(target.port(), head, body.getBytes(StandardCharsets.UTF_8), TIMEOUT);
    }
}
