package io.loadharness.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loadharness.prometheus.StubPrometheus.Answer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrometheusClientTest {

    private static PrometheusClient client(StubPrometheus stub) {
        return PrometheusClient.builder().url(stub.url()).timeout(Duration.ofSeconds(2)).build();
    }

    @Test
    void instantVectorKeepsLabelsTimestampAndValue() throws IOException {
        String json = """
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{"__name__":"up","job":"load-harness","instance":"127.0.0.1:8081"},
                   "value":[1700000000.123,"1"]},
                  {"metric":{"__name__":"up","job":"load-harness","instance":"127.0.0.1:8082"},
                   "value":[1700000000.123,"0"]}]}}""";
        try (StubPrometheus stub = StubPrometheus.answering(json); PrometheusClient client = client(stub)) {
            QueryResult result = client.query("up");

            assertThat(result).isInstanceOf(QuerySuccess.class);
            ResultData.Vector vector = (ResultData.Vector) ((QuerySuccess) result).data();
            assertThat(vector.samples()).hasSize(2);
            Sample first = vector.samples().getFirst();
            assertThat(first.labels()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("__name__", "up", "job", "load-harness", "instance", "127.0.0.1:8081"));
            assertThat(first.timestamp()).isEqualTo(Instant.ofEpochSecond(1700000000, 123_000_000));
            assertThat(first.value()).isEqualTo(1.0);
            assertThat(vector.samples().get(1).value()).isEqualTo(0.0);
        }
    }

    @Test
    void rangeMatrixKeepsEveryPointInOrder() throws IOException {
        String json = """
                {"status":"success","data":{"resultType":"matrix","result":[
                  {"metric":{"pod":"a"},"values":[[1700000000,"1.5"],[1700000015,"2.5"],[1700000030,"NaN"]]},
                  {"metric":{"pod":"b"},"values":[[1700000000,"+Inf"]]}]}}""";
        try (StubPrometheus stub = StubPrometheus.answering(json); PrometheusClient client = client(stub)) {
            Instant end = Instant.ofEpochSecond(1700000030);
            QueryResult result = client.queryRange("rate(x[1m])", end.minusSeconds(30), end, Duration.ofSeconds(15));

            ResultData.Matrix matrix = (ResultData.Matrix) ((QuerySuccess) result).data();
            assertThat(matrix.series()).extracting(series -> series.labels().get("pod")).containsExactly("a", "b");
            List<Point> points = matrix.series().getFirst().points();
            assertThat(points).extracting(Point::timestamp).containsExactly(Instant.ofEpochSecond(1700000000),
                    Instant.ofEpochSecond(1700000015), Instant.ofEpochSecond(1700000030));
            assertThat(points.get(0).value()).isEqualTo(1.5);
            assertThat(points.get(1).value()).isEqualTo(2.5);
            assertThat(points.get(2).value()).isNaN();
            assertThat(matrix.series().get(1).points().getFirst().value()).isEqualTo(Double.POSITIVE_INFINITY);
        }
    }

    @Test
    void scalarResultIsOnePoint() throws IOException {
        String json = "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1700000000.5,\"-Inf\"]}}";
        try (StubPrometheus stub = StubPrometheus.answering(json); PrometheusClient client = client(stub)) {
            QueryResult result = client.query("scalar(x)");

            assertThat(((QuerySuccess) result).data()).isEqualTo(new ResultData.Scalar(
                    new Point(Instant.ofEpochSecond(1700000000, 500_000_000), Double.NEGATIVE_INFINITY)));
        }
    }

    @Test
    void stringResultIsText() throws IOException {
        String json = "{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[1700000000,\"hello\"]},"
                + "\"warnings\":[\"partial answer\"]}";
        try (StubPrometheus stub = StubPrometheus.answering(json); PrometheusClient client = client(stub)) {
            QuerySuccess success = (QuerySuccess) client.query("\"hello\"");

            assertThat(success.data()).isEqualTo(new ResultData.Text(Instant.ofEpochSecond(1700000000), "hello"));
            assertThat(success.data().resultType()).isEqualTo("string");
            assertThat(success.warnings()).containsExactly("partial answer");
        }
    }

    @Test
    void instantQuerySendsPromqlTimeAndTimeoutAsForm() throws IOException {
        String promql = "sum(rate(http_server_requests_total{route!~\"/metrics|/health.*\", a=\"b&c=d\"}[1m])) + 1";
        try (StubPrometheus stub = StubPrometheus.answering(StubPrometheus.vector(1));
             PrometheusClient client = client(stub)) {
            client.query(promql, Instant.ofEpochMilli(1700000000123L));

            StubPrometheus.Request request = stub.requests().getFirst();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/api/v1/query");
            assertThat(request.form()).containsEntry("query", promql).containsEntry("time", "1700000000.123")
                    .containsEntry("timeout", "2000ms");
        }
    }

    @Test
    void rangeQuerySendsStartEndAndStepInSeconds() throws IOException {
        try (StubPrometheus stub = StubPrometheus.answering(StubPrometheus.matrix(1));
             PrometheusClient client = client(stub)) {
            client.queryRange("up", Instant.ofEpochSecond(1000), Instant.ofEpochSecond(1300), Duration.ofMillis(2500));

            StubPrometheus.Request request = stub.requests().getFirst();
            assertThat(request.path()).isEqualTo("/api/v1/query_range");
            assertThat(request.form()).containsEntry("start", "1000.000").containsEntry("end", "1300.000")
                    .containsEntry("step", "2.500");
        }
    }

    @Test
    void urlPathPrefixIsKept() throws IOException {
        try (StubPrometheus stub = StubPrometheus.answering(StubPrometheus.vector(1));
             PrometheusClient client = PrometheusClient.builder().url(stub.url() + "/prometheus/").build()) {
            assertThat(client.query("up").succeeded()).isTrue();
            assertThat(stub.requests().getFirst().path()).isEqualTo("/prometheus/api/v1/query");
        }
    }

    @Test
    void refusedConnectionIsUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (PrometheusClient client = PrometheusClient.builder().url("http://127.0.0.1:" + port).build()) {
            QueryResult result = client.query("up");

            assertThat(result).isInstanceOf(QueryError.Unreachable.class);
            assertThat(((QueryError) result).kind()).isEqualTo(ErrorKind.UNREACHABLE);
            assertThat(((QueryError) result).reason()).startsWith("Prometheus unreachable: ").contains("127.0.0.1:" + port);
        }
    }

    @Test
    void serverThatNeverAnswersTimesOutAtTheConfiguredTimeout() throws IOException {
        try (StubPrometheus stub = new StubPrometheus(request -> Answer.ok("{}").after(Duration.ofMinutes(5)));
             PrometheusClient client = PrometheusClient.builder().url(stub.url()).timeout(Duration.ofMillis(300))
                     .build()) {
            long start = System.nanoTime();
            QueryResult result = client.query("up");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(result).isEqualTo(new QueryError.Timeout(Duration.ofMillis(300)));
            assertThat(((QueryError) result).reason()).isEqualTo("Prometheus did not answer within 300 ms");
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(290)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void serverErrorWithoutPrometheusBodyIsHttpError() throws IOException {
        try (StubPrometheus stub = new StubPrometheus(request -> new Answer(500, "upstream exploded\n", Duration.ZERO));
             PrometheusClient client = client(stub)) {
            QueryResult result = client.query("up");

            assertThat(result).isEqualTo(new QueryError.HttpError(500, "upstream exploded\n"));
            assertThat(((QueryError) result).reason()).isEqualTo("HTTP 500: upstream exploded");
        }
    }

    @Test
    void prometheusErrorBodyKeepsErrorTypeAndMessage() throws IOException {
        String body = StubPrometheus.error("bad_data", "1:5: parse error: unexpected right parenthesis ')'");
        try (StubPrometheus stub = new StubPrometheus(request -> new Answer(400, body, Duration.ZERO));
             PrometheusClient client = client(stub)) {
            QueryResult result = client.query("sum())");

            assertThat(result).isEqualTo(new QueryError.PrometheusError("bad_data",
                    "1:5: parse error: unexpected right parenthesis ')'", 400));
            assertThat(((QueryError) result).kind()).isEqualTo(ErrorKind.PROMETHEUS_ERROR);
            assertThat(((QueryError) result).reason()).startsWith("Prometheus error bad_data: 1:5: parse error");
        }
    }

    @Test
    void garbageJsonIsMalformedResponse() throws IOException {
        try (StubPrometheus stub = StubPrometheus.answering("{\"status\":\"success\",\"data\":{\"resultType\":");
             PrometheusClient client = client(stub)) {
            QueryResult result = client.query("up");

            assertThat(result).isInstanceOf(QueryError.MalformedResponse.class);
            assertThat(((QueryError) result).kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
            assertThat(((QueryError) result).reason()).startsWith("malformed Prometheus response: body is not JSON");
        }
    }

    @Test
    void bearerTokenAndExtraHeadersAreSent() throws IOException {
        try (StubPrometheus stub = StubPrometheus.answering(StubPrometheus.vector(1));
             PrometheusClient client = PrometheusClient.builder().url(stub.url()).bearerToken("s3cret")
                     .header("X-Scope-OrgID", "tenant-1").build()) {
            client.query("up");

            Map<String, List<String>> headers = stub.requests().getFirst().headers();
            assertThat(headers.get("Authorization")).containsExactly("Bearer s3cret");
            assertThat(headers.get("X-scope-orgid")).containsExactly("tenant-1");
        }
    }

    @Test
    void basicAuthIsSent() throws IOException {
        try (StubPrometheus stub = StubPrometheus.answering(StubPrometheus.vector(1));
             PrometheusClient client = PrometheusClient.builder().url(stub.url()).basicAuth("grafana", "p:w").build()) {
            client.query("up");

            String expected = "Basic " + Base64.getEncoder().encodeToString("grafana:p:w".getBytes(StandardCharsets.UTF_8));
            assertThat(stub.requests().getFirst().headers().get("Authorization")).containsExactly(expected);
        }
    }

    @Test
    void environmentConfiguresTimeoutTokenAndHeaders() throws IOException {
        try (StubPrometheus stub = StubPrometheus.answering(StubPrometheus.vector(1));
             PrometheusClient client = PrometheusClient.builder().environment(Map.of("PROMETHEUS_URL",
                     stub.url().toString(), "PROMETHEUS_TIMEOUT", "750ms", "PROMETHEUS_BEARER_TOKEN", "t0k",
                     "PROMETHEUS_HEADERS", "X-A=1, X-B=two")).build()) {
            client.query("up");

            assertThat(client.timeout()).isEqualTo(Duration.ofMillis(750));
            Map<String, List<String>> headers = stub.requests().getFirst().headers();
            assertThat(headers.get("Authorization")).containsExactly("Bearer t0k");
            assertThat(headers.get("X-a")).containsExactly("1");
            assertThat(headers.get("X-b")).containsExactly("two");
        }
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            "http://prom:9090, local,      http://prom:9090",
            "none,             local,      http://localhost:9090",
            "none,             LOCAL,      http://localhost:9090",
            "'  ',             local,      http://localhost:9090",
            "none,             production, http://kube-prometheus-stack-prometheus.observability.svc.cluster.local:9090",
            "none,             none,       http://localhost:9090",
            "none,             '',         http://localhost:9090"})
    void urlComesFromPrometheusUrlElseEnvironment(String prometheusUrl, String environment, String expected) {
        Map<String, String> env = new HashMap<>();
        if (prometheusUrl != null) {
            env.put("PROMETHEUS_URL", prometheusUrl);
        }
        if (environment != null) {
            env.put("ENVIRONMENT", environment);
        }
        assertThat(PrometheusClient.urlFromEnvironment(env)).isEqualTo(URI.create(expected));
    }

    @ParameterizedTest
    @CsvSource({"ftp://prom:21", "prom:9090", "http://prom:9090/?x=1", "'http:// bad'"})
    void malformedUrlIsRejectedNamingTheField(String url) {
        assertThatThrownBy(() -> PrometheusClient.urlFromEnvironment(Map.of("PROMETHEUS_URL", url)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("PROMETHEUS_URL must");
    }

    @ParameterizedTest
    @CsvSource({"PT0.01S", "PT6M"})
    void timeoutOutOfRangeIsRejected(String timeout) {
        assertThatThrownBy(() -> PrometheusClient.builder().url("http://prom:9090").timeout(Duration.parse(timeout))
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("timeout must be between");
    }

    @Test
    void missingUrlIsRejected() {
        assertThatThrownBy(() -> PrometheusClient.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("url is required");
    }

    @Test
    void badRangeArgumentsAreRejected() throws IOException {
        try (StubPrometheus stub = StubPrometheus.answering(StubPrometheus.matrix(1));
             PrometheusClient client = client(stub)) {
            Instant now = Instant.now();
            assertThatThrownBy(() -> client.queryRange("up", now, now.minusSeconds(1), Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("end must not be before start");
            assertThatThrownBy(() -> client.queryRange("up", now, now, Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("step must be positive");
            assertThatThrownBy(() -> client.query(" "))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("promql must not be blank");
            assertThat(stub.requestCount()).isZero();
        }
    }

    @Test
    void closedClientRefusesQueries() throws IOException {
        try (StubPrometheus stub = StubPrometheus.answering(StubPrometheus.vector(1))) {
            PrometheusClient client = client(stub);
            client.close();

            assertThatThrownBy(() -> client.query("up")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("PrometheusClient is closed");
        }
    }
}
