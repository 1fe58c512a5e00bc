package io.loadharness.http;

import static io.loadharness.http.TestSupport.json;
import static io.loadharness.http.TestSupport.postJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import io.loadharness.core.LoadHarness;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ServerTest
class RequestValidationTest {

    private static final LoadHarness HARNESS = TestSupport.harness();

    private final Http1Client client;

    RequestValidationTest(Http1Client client) {
        this.client = client;
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        server.host("127.0.0.1");
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        HarnessApi.register(routing, "", HARNESS, TestSupport.settings());
    }

    @AfterEach
    void stopJobs() {
        HARNESS.stopAll();
    }

    @AfterAll
    static void close() {
        HARNESS.close();
    }

    @ParameterizedTest(name = "{0} {1} -> field {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            /load/cpu/burn    | {"duration_ms": "5"}                      | duration_ms      | duration_ms must be between 1 and 10000
            /load/cpu/burn    | {"duration_ms": 1.5}                      | duration_ms      | duration_ms must be between 1 and 10000
            /load/cpu/burn    | {"duration_ms": 5.0}                      | duration_ms      | duration_ms must be between 1 and 10000
            /load/cpu/burn    | {"duration_ms": 1e3}                      | duration_ms      | duration_ms must be between 1 and 10000
            /load/cpu/burn    | {"duration_ms": true}                     | duration_ms      | duration_ms must be between 1 and 10000
            /load/cpu/burn    | {"duration_ms": null}                     | duration_ms      | duration_ms must be between 1 and 10000
            /load/cpu/burn    | {"duration_ms": [5]}                      | duration_ms      | duration_ms must be between 1 and 10000
            /load/cpu/burn    | {"duration_ms": 0}                        | duration_ms      | duration_ms must be between 1 and 10000
            /load/cpu/burn    | {"duration_ms": 10001}                    | duration_ms      | duration_ms must be between 1 and 10000
            /load/cpu/burn    | {"duration_ms": 99999999999999999999999}  | duration_ms      | duration_ms must be between 1 and 10000
            /load/cpu/burn    | {"complexity": 11}                        | complexity       | complexity must be between 1 and 10
            /load/cpu/burn    | {"duraton_ms": 5}                         | duraton_ms       | unknown field 'duraton_ms'
            /load/cpu/burn    | {"keep_alive": true}                      | keep_alive       | unknown field 'keep_alive'
            /load/cpu/work    | {"iterations": 999}                       | iterations       | iterations must be between 1000 and 10000000
            /load/cpu         | {"intensity": 0}                          | intensity        | intensity must be between 1 and 10
            /load/cpu         | {"duration_seconds": 301}                 | duration_seconds | duration_seconds must be between 10 and 300
            /load/memory      | {"size_mb": 501}                          | size_mb          | size_mb must be between 10 and 500
            /load/memory      | {"duration_ms": 99}                       | duration_ms      | duration_ms must be between 100 and 10000
            /load/memory/jobs | {"duration_seconds": 601}                 | duration_seconds | duration_seconds must be between 10 and 600
            /load/cluster     | {"concurrency": 101}                      | concurrency      | concurrency must be between 1 and 100
            /load/cluster     | {"requests": 0}                           | requests         | requests must be between 1 and 10000
            /load/cluster     | {"keep_alive": "yes"}                     | keep_alive       | keep_alive must be true or false
            /load/cluster     | {"keep_alive": 1}                         | keep_alive       | keep_alive must be true or false
            """)
    void badFieldIsABadRequestNamingTheFieldAndRange(String path, String body, String field, String detail) {
        try (Http1ClientResponse response = postJson(client, path, body)) {
            assertThat(response.status()).isEqualTo(Status.BAD_REQUEST_400);
            JsonObject problem = assertProblem(response, 400, detail);
            assertThat(problem.getString("field")).isEqualTo(field);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `{`                     | malformed JSON
            `{"duration_ms": 5,}`   | malformed JSON
            `duration_ms=5`         | malformed JSON
            `{"duration_ms": 5} x`  | malformed JSON
            `{"duration_ms": 5, "duration_ms": 6}` | malformed JSON
            `[1, 2]`                | must be a JSON object
            `5`                     | must be a JSON object
            `"text"`                | must be a JSON object
            `null`                  | must be a JSON object
            """)
    void malformedBodyIsABadRequest(String body, String detail) {
        try (Http1ClientResponse response = postJson(client, "/load/cpu/burn", body)) {
            assertThat(response.status()).isEqualTo(Status.BAD_REQUEST_400);
            assertProblem(response, 400, detail);
        }
    }

    @Test
    void nestingPastTheLimitIsABadRequestNotAParserCrash() {
        String body = "{\"duration_ms\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        try (Http1ClientResponse response = postJson(client, "/load/cpu/burn", body)) {
            assertThat(response.status()).isEqualTo(Status.BAD_REQUEST_400);
            assertProblem(response, 400, "nested deeper than " + JsonBodies.MAX_DEPTH);
        }
        String inString = "{\"duration_ms\": 5, \"x\": \"" + "[".repeat(100) + "\"}";
        try (Http1ClientResponse response = postJson(client, "/load/cpu/burn", inString)) {
            assertProblem(response, 400, "unknown field 'x'");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"text/plain", "application/x-www-form-urlencoded", "application/xml"})
    void wrongContentTypeIsUnsupported(String contentType) {
        try (Http1ClientResponse response = client.post("/load/cpu/burn")
                .header(HeaderNames.CONTENT_TYPE, contentType)
                .submit("{\"duration_ms\": 5}")) {
            assertThat(response.status()).isEqualTo(Status.UNSUPPORTED_MEDIA_TYPE_415);
            assertProblem(response, 415, "application/json");
        }
    }

    @Test
    void jsonWithCharsetIsAccepted() {
        try (Http1ClientResponse response = client.post("/load/cpu/burn")
                .header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
                .submit("{\"duration_ms\": 5}")) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
        }
    }

    @Test
    void oversizedBodyIsTooLarge() {
        String padding = " ".repeat(JsonBodies.MAX_BYTES);
        try (Http1ClientResponse response = postJson(client, "/load/cpu/burn", "{\"duration_ms\": 5}" + padding)) {
            assertThat(response.status()).isEqualTo(Status.REQUEST_ENTITY_TOO_LARGE_413);
            assertProblem(response, 413, String.valueOf(JsonBodies.MAX_BYTES));
        }
    }

    @Test
    void oversizedChunkedBodyIsTooLarge() {
        byte[] chunk = " ".repeat(4096).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (Http1ClientResponse response = client.post("/load/cpu/burn")
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .outputStream(out -> {
                    out.write("{\"duration_ms\": 5}".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    for (int i = 0; i < 5; i++) {
                        out.write(chunk);
                    }
                    out.close();
                })) {
            assertThat(response.status()).isEqualTo(Status.REQUEST_ENTITY_TOO_LARGE_413);
            assertProblem(response, 413, String.valueOf(JsonBodies.MAX_BYTES));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /load/cpu/burn, POST",
            "PUT, /load/cpu, POST",
            "DELETE, /load/memory, POST",
            "POST, /load/jobs, 'GET, DELETE'",
            "PATCH, /load/jobs/job_1, 'GET, DELETE'",
            "POST, /system/info, GET",
            "GET, /load/cluster, POST"})
    void wrongMethodIsNotAllowed(String method, String path, String allowed) {
        try (Http1ClientResponse response = client.method(Method.create(method)).path(path).request()) {
            assertThat(response.status()).isEqualTo(Status.METHOD_NOT_ALLOWED_405);
            assertThat(response.headers().first(HeaderNames.ALLOW)).contains(allowed);
            assertProblem(response, 405, method);
        }
    }

    @Test
    void unknownJobIsNotFound() {
        try (Http1ClientResponse response = client.get("/load/jobs/job_0_0").request()) {
            assertThat(response.status()).isEqualTo(Status.NOT_FOUND_404);
            assertProblem(response, 404, "job_0_0");
        }
        try (Http1ClientResponse response = client.delete("/load/jobs/job_0_0").request()) {
            assertThat(response.status()).isEqualTo(Status.NOT_FOUND_404);
        }
    }

    @Test
    void unknownPathUnderLoadIsANotFoundProblem() {
        try (Http1ClientResponse response = client.get("/load/nothing/here").request()) {
            assertThat(response.status()).isEqualTo(Status.NOT_FOUND_404);
            assertProblem(response, 404, "/load/nothing/here");
        }
    }

    @Test
    void unknownPathOutsideTheApiStillCarriesThePodName() {
        try (Http1ClientResponse response = client.get("/no/such/path").request()) {
            assertThat(response.status()).isEqualTo(Status.NOT_FOUND_404);
            assertThat(response.headers().first(PodHeader.HEADER)).contains(TestSupport.POD);
        }
    }

    @Test
    void memoryOverTheBudgetIsAConflictNamingTheLimit() {
        try (Http1ClientResponse response = postJson(client, "/load/memory", "{\"size_mb\": 100, \"duration_ms\": 100}")) {
            assertThat(response.status()).isEqualTo(Status.CONFLICT_409);
            JsonObject problem = assertProblem(response, 409, "limit 64 MB");
            assertThat(problem.getString("limit")).isEqualTo("memory_budget");
        }
    }

    /** Checks the problem document and returns it; reads the entity. */
    private static JsonObject assertProblem(Http1ClientResponse response, int status, String detailPart) {
        assertThat(response.headers().contentType()).hasValueSatisfying(
                type -> assertThat(type.text()).startsWith(Problems.CONTENT_TYPE));
        assertThat(response.headers().first(PodHeader.HEADER)).contains(TestSupport.POD);
        JsonObject problem = json(response.as(String.class));
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("type")).isNotBlank();
        assertThat(problem.getString("detail")).contains(detailPart);
        return problem;
    }
}
