package io.loadharness.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import io.loadharness.core.fanout.CallOutcome;
import io.loadharness.core.fanout.CallResult;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The transport against stub targets that answer, fail, stall or are not there. */
@ServerTest
class HttpTransportTest {

    private static final AtomicReference<String> LAST_BODY = new AtomicReference<>();
    private static final AtomicReference<String> LAST_CONNECTION = new AtomicReference<>();

    private final int port;

    HttpTransportTest(WebServer server) {
        this.port = server.port();
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        server.host("127.0.0.1");
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        routing.post("/ok/load/cpu/work", (req, res) -> {
                    LAST_BODY.set(req.content().as(String.class));
                    LAST_CONNECTION.set(req.headers().first(HeaderNames.CONNECTION).orElse("keep-alive"));
                    res.header(PodHeader.HEADER, "pod-header").send("{\"pod\": \"pod-body\"}");
                })
                .post("/bodyonly/load/cpu/work", (req, res) -> res.send("{\"iterations\": 1000, \"pod\": \"pod-body\"}"))
                .post("/nopod/load/cpu/work", (req, res) -> res.send("{}"))
                .post("/fail/load/cpu/work", (req, res) -> res.status(Status.SERVICE_UNAVAILABLE_503)
                        .header(PodHeader.HEADER, "sick-pod").send("down"))
                .post("/slow/load/cpu/work", (req, res) -> {
                    try {
                        Thread.sleep(1_000);
                        res.send("{}");
                    } catch (InterruptedException e) {
                        // The server is stopping; the caller gave up long ago.
                        Thread.currentThread().interrupt();
                        res.status(Status.SERVICE_UNAVAILABLE_503).send();
                    }
                });
    }

    @ParameterizedTest(name = "keep-alive {0}")
    @ValueSource(booleans = {false, true})
    void successTakesThePodFromTheHeaderAndSendsTheIterations(boolean keepAlive) throws Exception {
        HttpTransport transport = transport("/ok", keepAlive);
        CallResult result = transport.call(4321, Duration.ofSeconds(2));
        assertThat(result.outcome()).isEqualTo(CallOutcome.OK);
        assertThat(result.pod()).isEqualTo("pod-header");
        assertThat(LAST_BODY.get()).isEqualTo("{\"iterations\":4321}");
        assertThat(LAST_CONNECTION.get()).isEqualToIgnoringCase(keepAlive ? "keep-alive" : "close");
        assertThat(transport.call(4321, Duration.ofSeconds(2)).outcome()).isEqualTo(CallOutcome.OK);
    }

    @Test
    void podComesFromTheAnswerWhenTheHeaderIsMissing() throws Exception {
        CallResult result = transport("/bodyonly", false).call(1000, Duration.ofSeconds(2));
        assertThat(result).isEqualTo(CallResult.ok("pod-body"));
    }

    @Test
    void answerWithoutAPodIsAnError() throws Exception {
        CallResult result = transport("/nopod", false).call(1000, Duration.ofSeconds(2));
        assertThat(result.outcome()).isEqualTo(CallOutcome.ERROR);
    }

    @Test
    void nonSuccessStatusIsAStatusFailureWithThePod() throws Exception {
        CallResult result = transport("/fail", false).call(1000, Duration.ofSeconds(2));
        assertThat(result).isEqualTo(CallResult.status(503, "sick-pod"));
    }

    @Test
    void missingRouteIsAStatusFailure() throws Exception {
        CallResult result = transport("/absent", false).call(1000, Duration.ofSeconds(2));
        assertThat(result.outcome()).isEqualTo(CallOutcome.HTTP_STATUS);
        assertThat(result.statusCode()).isEqualTo(404);
    }

    @Test
    void noAnswerWithinTheTimeoutIsATimeout() throws Exception {
        CallResult result = transport("/slow", false).call(1000, Duration.ofMillis(200));
        assertThat(result).isEqualTo(CallResult.timeout());
    }

    @Test
    void refusedConnectionIsAConnectionError() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        HttpTransport transport = HttpTransport.builder().target(URI.create("http://127.0.0.1:" + deadPort)).build();
        CallResult result = transport.call(1000, Duration.ofSeconds(2));
        assertThat(result.outcome()).isEqualTo(CallOutcome.CONNECTION_ERROR);
        assertThat(result.detail()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://host", "/relative", "http:///nohost"})
    void targetMustBeAnHttpUrlWithAHost(String target) {
        assertThatThrownBy(() -> HttpTransport.builder().target(URI.create(target)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("target");
    }

    private HttpTransport transport(String base, boolean keepAlive) {
        return HttpTransport.builder()
                .target(URI.create("http://127.0.0.1:" + port + base))
                .keepAlive(keepAlive)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }
}
