package io.loadharness.http;

import static io.loadharness.http.TestSupport.json;
import static io.loadharness.http.TestSupport.postJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import io.loadharness.core.LoadHarness;
import io.loadharness.core.params.ParamSet;
import io.loadharness.core.params.ParamSpec;
import jakarta.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** /metrics, /openapi, /health and /system/info of a server with the API at its root. */
@ServerTest
class ObservabilityTest {

    private static final LoadHarness HARNESS = TestSupport.harness();
    private static HarnessApi api;

    /** One sample line of the text format: name, labels, value. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Http1Client client;

    ObservabilityTest(Http1Client client) {
        this.client = client;
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        server.host("127.0.0.1");
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        api = HarnessApi.register(routing, "", HARNESS, TestSupport.settings());
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
    void metricsUseTheContractNamesAndRouteTemplates() {
        long before = api.metrics().requestCount();
        try (Http1ClientResponse response = client.get("/load/jobs/job_404_1").request()) {
            assertThat(response.status()).isEqualTo(Status.NOT_FOUND_404);
        }
        try (Http1ClientResponse response = postJson(client, "/load/cpu/work", "{\"iterations\": 1000}")) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
        }
        try (Http1ClientResponse response = client.get("/no/such/path").request()) {
            assertThat(response.status()).isEqualTo(Status.NOT_FOUND_404);
        }
        try (Http1ClientResponse response = postJson(client, "/load/memory/jobs", "{\"size_mb\": 10, \"duration_seconds\": 10}")) {
            assertThat(response.status()).isEqualTo(Status.ACCEPTED_202);
        }
        List<Sample> samples;
        try (Http1ClientResponse response = client.get("/metrics").request()) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            assertThat(response.headers().first(HeaderNames.CONTENT_TYPE))
                    .contains("text/plain; version=0.0.4; charset=utf-8");
            samples = parse(response.as(String.class));
        }
        assertThat(samples).extracting(Sample::name).contains(
                "process_cpu_seconds_total", "process_resident_memory_bytes", "jvm_memory_used_bytes",
                "jvm_threads_current", "http_server_requests_total", "http_server_request_duration_seconds_bucket",
                "http_server_request_duration_seconds_sum", "http_server_request_duration_seconds_count",
                "loadharness_jobs_running", "loadharness_cpu_workers_active", "loadharness_memory_held_bytes");
        assertThat(samples).filteredOn(s -> s.name().equals("http_server_requests_total"))
                .allSatisfy(s -> assertThat(s.labels()).containsOnlyKeys("method", "route", "status"))
                .extracting(s -> s.labels().get("route"))
                .contains("/load/jobs/{job_id}", "/load/cpu/work", "unmatched")
                .doesNotContain("/load/jobs/job_404_1", "/no/such/path");
        assertThat(value(samples, "http_server_requests_total",
                Map.of("method", "GET", "route", "/load/jobs/{job_id}", "status", "404"))).isEqualTo(1.0);
        assertThat(value(samples, "http_server_request_duration_seconds_count",
                Map.of("method", "POST", "route", "/load/cpu/work", "status", "200"))).isEqualTo(1.0);
        assertThat(value(samples, "loadharness_jobs_running", Map.of("type", "memory"))).isEqualTo(1.0);
        assertThat(value(samples, "loadharness_jobs_running", Map.of("type", "cpu"))).isEqualTo(0.0);
        assertThat(value(samples, "loadharness_memory_held_bytes", Map.of())).isEqualTo(10.0 * (1 << 20));
        assertThat(api.metrics().requestCount()).isGreaterThanOrEqualTo(before + 4);
        assertThat(api.metrics().requestSecondsSum()).isPositive();
    }

    @Test
    void openApiListsEveryRouteWithCoreRanges() {
        JsonObject document;
        try (Http1ClientResponse response = client.get("/openapi").request()) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            document = json(response.as(String.class));
        }
        assertThat(document.getString("openapi")).startsWith("3.");
        JsonObject paths = document.getJsonObject("paths");
        for (ApiRoutes.Route route : ApiRoutes.ALL) {
            assertThat(paths.keySet()).contains(route.template());
            JsonObject operation = paths.getJsonObject(route.template())
                    .getJsonObject(route.method().text().toLowerCase(Locale.ROOT));
            assertThat(operation).as(route.method() + " " + route.template()).isNotNull();
            assertThat(operation.getJsonObject("responses").keySet()).contains(String.valueOf(route.status()));
            if (route.params() != null) {
                assertRanges(operation, route.params());
            }
        }
        assertThat(paths.getJsonObject("/load/cluster").getJsonObject("post").getJsonObject("requestBody")
                .getJsonObject("content").getJsonObject("application/json").getJsonObject("schema")
                .getJsonObject("properties").getJsonObject("keep_alive").getString("type")).isEqualTo("boolean");
    }

    @Test
    void healthEndpointsAreUpEvenWithACpuJobRunning() {
        try (Http1ClientResponse response = postJson(client, "/load/cpu", "{\"duration_seconds\": 10, \"intensity\": 10}")) {
            assertThat(response.status()).isEqualTo(Status.ACCEPTED_202);
        }
        for (String path : List.of("/health/live", "/health/ready")) {
            try (Http1ClientResponse response = client.get(path).request()) {
                assertThat(response.status()).as(path).isEqualTo(Status.OK_200);
                assertThat(json(response.as(String.class)).getString("status")).isEqualTo("UP");
            }
        }
    }

    @Test
    void systemInfoHasEnvironmentVersionAndLimits() {
        try (Http1ClientResponse response = client.get("/system/info").request()) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            JsonObject info = json(response.as(String.class));
            assertThat(info.getString("pod")).isEqualTo(TestSupport.POD);
            assertThat(info.getString("environment")).isEqualTo("local");
            assertThat(info.getString("version")).isNotBlank().isNotEqualTo("unknown");
            assertThat(info.getInt("cores")).isPositive();
            assertThat(info.keySet()).contains("rss_bytes", "heap_used_bytes", "container_memory_limit_bytes",
                    "process_cpu_load", "uptime_seconds", "java_version", "cluster_target");
            JsonObject limits = info.getJsonObject("limits");
            assertThat(limits.getInt("memory_budget_mb")).isEqualTo(64);
            assertThat(limits.getInt("max_jobs")).isEqualTo(4);
            assertThat(limits.getInt("max_cpu_workers")).isEqualTo(1);
            assertThat(limits.getInt("max_fanouts")).isEqualTo(2);
            assertThat(limits.getInt("fanout_call_timeout_ms")).isEqualTo(2000);
            assertThat(limits.getInt("fanout_deadline_ms")).isEqualTo(5000);
        }
    }

    private static void assertRanges(JsonObject operation, ParamSet<?> params) {
        JsonObject properties = operation.getJsonObject("requestBody").getJsonObject("content")
                .getJsonObject("application/json").getJsonObject("schema").getJsonObject("properties");
        for (ParamSpec spec : params.params()) {
            JsonObject property = properties.getJsonObject(spec.name());
            assertThat(property).as(spec.name()).isNotNull();
            assertThat(property.getJsonNumber("minimum").longValue()).isEqualTo(spec.min());
            assertThat(property.getJsonNumber("maximum").longValue()).isEqualTo(spec.max());
            assertThat(property.getJsonNumber("default").longValue()).isEqualTo(spec.defaultValue());
            assertThat(property.getString("description")).contains(spec.help());
        }
    }

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static List<Sample> parse(String exposition) {
        return exposition.lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> {
                    Matcher m = SAMPLE.matcher(line);
                    assertThat(m.matches()).as("sample line: " + line).isTrue();
                    Map<String, String> labels = new HashMap<>();
                    if (m.group(3) != null) {
                        Matcher label = LABEL.matcher(m.group(3));
                        while (label.find()) {
                            labels.put(label.group(1), label.group(2));
                        }
                    }
                    return new Sample(m.group(1), labels, Double.parseDouble(m.group(4)));
                })
                .toList();
    }

    static double value(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .mapToDouble(Sample::value)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name + labels));
    }
}
