package io.loadharness.examples.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadharness.http.HarnessServer;
import io.loadharness.http.HarnessSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/} true to the code: the routes and parameter tables of {@code api.md} against the
 * OpenAPI document the real server serves (generated from core's parameter specs), and the variables
 * of {@code configuration.md} against the ones the code reads.
 */
class DocumentationTest {

    private static JsonNode openApi;
    private static String api;
    private static String configuration;

    @BeforeAll
    static void fetchOpenApi() throws Exception {
        HarnessSettings settings = HarnessSettings.builder().host("127.0.0.1").port(0).build();
        try (HarnessServer server = HarnessServer.builder().settings(settings).build().start();
             HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/openapi"))
                    .timeout(Duration.ofSeconds(10)).build();
            openApi = new ObjectMapper().readTree(client.send(request, HttpResponse.BodyHandlers.ofString()).body());
        }
        api = Sources.read("docs/api.md");
        configuration = Sources.read("docs/configuration.md");
    }

    @AfterAll
    static void forget() {
        openApi = null;
    }

    @Test
    void apiDocumentListsEveryRouteOfTheServer() {
        openApi.path("paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            String row = "| " + method.toUpperCase(Locale.ROOT) + " | `" + path.getKey() + "` | ";
            assertThat(api).as("routes table row for %s %s", method, path.getKey()).contains(row);
        }));
    }

    @Test
    void apiDocumentGivesEveryParametersUnitRangeAndDefault() {
        int processors = Runtime.getRuntime().availableProcessors();
        openApi.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            JsonNode properties = operation.getValue().path("requestBody").path("content").path("application/json")
                    .path("schema").path("properties");
            String section = section(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            properties.properties().forEach(property -> {
                JsonNode schema = property.getValue();
                if (!schema.path("type").asText().equals("integer")) {
                    assertThat(section).contains("| `" + property.getKey() + "` |");
                    return;
                }
                long max = schema.path("maximum").asLong();
                String range = property.getKey().equals("cores") && max == processors
                        ? "1 to the available processors"
                        : schema.path("minimum").asLong() + "-" + max;
                String fallback = property.getKey().equals("requests") ? "the concurrency" : schema.path("default").asText();
                String unit = unit(schema.path("description").asText());
                String row = "| `" + property.getKey() + "` | " + unit + " | " + range + " | " + fallback + " | "
                        + schema.path("description").asText().replace(" Unit: " + unit + ".", "") + " |";
                assertThat(section).as("parameter row of %s %s", path.getKey(), property.getKey()).contains(row);
            });
        }));
    }

    @Test
    void configurationDocumentNamesEveryServerVariableWithItsConfigKey() {
        for (Map.Entry<String, String> entry : HarnessSettings.environmentKeys().entrySet()) {
            assertThat(configuration).as(entry.getKey())
                    .contains("| `" + entry.getKey() + "` | `" + entry.getValue() + "` |");
        }
    }

    @Test
    void configurationDocumentNamesEveryPrometheusLiveMetricsAndDashboardVariable() {
        Pattern variable = Pattern.compile("\"((?:PROMETHEUS|LIVE_METRICS|DASHBOARD)_[A-Z_]+)\"");
        List<String> names = Sources.javaFiles(List.of("harness-prometheus", "harness-ui")).stream()
                .flatMap(file -> variable.matcher(Sources.read(file)).results().map(m -> m.group(1)))
                .filter(name -> !name.endsWith("_"))
                .distinct()
                .toList();
        assertThat(names).contains("PROMETHEUS_URL", "LIVE_METRICS_NAMESPACE", "DASHBOARD_CHART_WINDOW_SECONDS");
        assertThat(names).allSatisfy(name -> assertThat(configuration).as(name).contains("`" + name + "`"));
    }

    /** The part of api.md under the heading {@code ### METHOD path}, up to the next heading. */
    private static String section(String heading) {
        int start = api.indexOf("### " + heading + "\n");
        if (start < 0) {
            // Several routes share one section (e.g. the job routes); the parameterless ones need none.
            return "";
        }
        int end = api.indexOf("\n### ", start + 4);
        return api.substring(start, end < 0 ? api.length() : end);
    }

    private static String unit(String description) {
        int at = description.indexOf(" Unit: ");
        return at < 0 ? "" : description.substring(at + " Unit: ".length(), description.length() - 1);
    }
}
