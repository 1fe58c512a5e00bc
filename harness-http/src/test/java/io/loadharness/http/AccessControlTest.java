package io.loadharness.http;

import static io.loadharness.http.TestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import jakarta.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code HARNESS_API_TOKEN}: every mutating route needs {@code Authorization: Bearer <token>}; reads,
 * metrics and health stay open; the token is compared in constant time and never shown.
 */
class AccessControlTest {

    private static final String TOKEN = "s3cret-token-for-tests-0123456789";
    private static HarnessServer server;
    private static Http1Client client;

    @BeforeAll
    static void start() {
        server = HarnessServer.builder()
                .settings(TestSupport.settings().withApiToken(ApiToken.of(TOKEN)))
                .build()
                .start();
        client = Http1Client.builder().baseUri("http://127.0.0.1:" + server.port()).build();
    }

    @AfterEach
    void stopJobs() {
        server.harness().stopAll();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static Stream<ApiRoutes.Route> mutatingRoutes() {
        return ApiRoutes.ALL.stream().filter(route -> route.method() != Method.GET);
    }

    static Stream<ApiRoutes.Route> readRoutes() {
        return ApiRoutes.ALL.stream().filter(route -> route.method() == Method.GET);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutatingRoutes")
    void everyMutatingRouteWithoutTheTokenIsUnauthorizedAndStartsNothing(ApiRoutes.Route route) {
        try (Http1ClientResponse response = send(route, Optional.empty())) {
            assertUnauthorized(response);
        }
        assertThat(server.harness().runningJobs()).isZero();
        assertThat(server.harness().heldMemoryBytes()).isZero();
    }

    @ParameterizedTest(name = "Authorization: {0}")
    @ValueSource(strings = {
            "Bearer s3cret-token-for-tests-012345678",
            "Bearer s3cret-token-for-tests-01234567890",
            "Bearer s3cret-token-for-tests-012345678X",
            "Bearer S3CRET-TOKEN-FOR-TESTS-0123456789",
            "Basic czNjcmV0LXRva2VuLWZvci10ZXN0cy0wMTIzNDU2Nzg5",
            "s3cret-token-for-tests-0123456789",
            "Bearer",
            "Bearer ",
            "Bearer s3cret-token-for-tests-0123456789 extra",
            "Token s3cret-token-for-tests-0123456789"})
    void aWrongOrMalformedTokenIsUnauthorized(String authorization) {
        try (Http1ClientResponse response = client.post("/load/memory/jobs")
                .header(HeaderNames.AUTHORIZATION, authorization)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit("{\"size_mb\": 10, \"duration_seconds\": 10}")) {
            assertUnauthorized(response);
        }
        assertThat(server.harness().runningJobs()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Bearer ", "bearer ", "BEARER "})
    void theRightTokenStartsLoadWhateverTheCaseOfTheScheme(String scheme) {
        try (Http1ClientResponse response = client.post("/load/memory/jobs")
                .header(HeaderNames.AUTHORIZATION, scheme + TOKEN)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit("{\"size_mb\": 10, \"duration_seconds\": 10}")) {
            assertThat(response.status()).isEqualTo(Status.ACCEPTED_202);
        }
        assertThat(server.harness().runningJobs()).isEqualTo(1);
        try (Http1ClientResponse response = send(new ApiRoutes.Route(Method.DELETE, "/load/jobs", "", null, 200, ""),
                Optional.of(TOKEN))) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            assertThat(json(response.as(String.class)).getInt("stopped")).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readRoutes")
    void readsMetricsAndHealthStayOpen(ApiRoutes.Route route) {
        try (Http1ClientResponse response = send(route, Optional.empty())) {
            assertThat(response.status()).isNotEqualTo(Status.UNAUTHORIZED_401);
            // The job route's id is made up: 404 is the open answer there.
            assertThat(response.status().code()).isIn(200, 404);
        }
    }

    @Test
    void theOpenApiDocumentDeclaresTheOptionalBearerTokenOnEveryMutatingRoute() {
        try (Http1ClientResponse response = client.get("/openapi").request()) {
            JsonObject document = json(response.as(String.class));
            assertThat(document.getJsonObject("components").getJsonObject("securitySchemes")
                    .getJsonObject("bearerAuth").getString("scheme")).isEqualTo("bearer");
            mutatingRoutes().forEach(route -> {
                JsonObject operation = document.getJsonObject("paths").getJsonObject(route.template())
                        .getJsonObject(route.method().text().toLowerCase(java.util.Locale.ROOT));
                assertThat(operation.getJsonObject("responses").keySet()).as(route.toString()).contains("401", "403");
                assertThat(operation.getJsonArray("security")).hasSize(2);
            });
            readRoutes().forEach(route -> assertThat(document.getJsonObject("paths").getJsonObject(route.template())
                    .getJsonObject("get").containsKey("security")).as(route.toString()).isFalse());
        }
    }

    @Test
    void anUnknownMutatingPathIsUnauthorizedBeforeItIsNotFound() {
        try (Http1ClientResponse response = client.post("/load/nothing/here").submit("{}")) {
            assertUnauthorized(response);
        }
    }

    @Test
    void pathsOutsideTheApiAreLeftToTheApplicationThatOwnsThem() {
        try (HarnessServer withUi = HarnessServer.builder()
                .settings(TestSupport.settings().withApiToken(ApiToken.of(TOKEN)))
                .routing(rules -> rules.post("/ui/partials/{name}", (req, res) -> res.send("guarded by the dashboard")))
                .build().start()) {
            Http1Client uiClient = Http1Client.builder().baseUri("http://127.0.0.1:" + withUi.port()).build();
            try (Http1ClientResponse response = uiClient.post("/ui/partials/cpu-result").submit("x=1")) {
                assertThat(response.status()).isEqualTo(Status.OK_200);
            }
            try (Http1ClientResponse response = uiClient.post("/system").submit("{}")) {
                assertUnauthorized(response);
            }
        }
    }

    @Test
    void aFanOutToThisServerCarriesTheTokenToItsOwnWorkRoute() {
        try (Http1ClientResponse response = authorized(client.post("/load/cluster"))
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit("{\"concurrency\": 2, \"iterations\": 1000, \"requests\": 6}")) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            JsonObject result = json(response.as(String.class));
            assertThat(result.getInt("succeeded")).as(result.toString()).isEqualTo(6);
        }
    }

    @Test
    void theTokenIsSentOnlyToTheConfiguredTargetAndOnlyAsABearer() throws Exception {
        try (StubTarget stub = new StubTarget(StubTarget.Mode.HEALTHY);
             HarnessServer guarded = HarnessServer.builder()
                     .settings(HarnessSettings.builder().host("127.0.0.1").port(0).podName(TestSupport.POD)
                             .environment("production").clusterUrl(stub.uri()).limits(TestSupport.limits())
                             .apiToken(ApiToken.of(TOKEN)).build())
                     .build().start()) {
            Http1Client guardedClient = Http1Client.builder().baseUri("http://127.0.0.1:" + guarded.port()).build();
            try (Http1ClientResponse response = authorized(guardedClient.post("/load/cluster"))
                    .header(HeaderNames.CONTENT_TYPE, "application/json")
                    .submit("{\"concurrency\": 2, \"iterations\": 1000, \"requests\": 4}")) {
                assertThat(response.status()).isEqualTo(Status.OK_200);
            }
            assertThat(stub.authorizations()).hasSize(4).containsOnly("Bearer " + TOKEN);
        }
    }

    @Test
    void theTokenComesFromTheEnvironmentAndIsNeverShown() {
        HarnessSettings settings = HarnessSettings.fromEnvironment(Map.of(HarnessSettings.API_TOKEN_VARIABLE, " " + TOKEN + " "));
        assertThat(settings.apiTokenIfSet()).hasValueSatisfying(token -> assertThat(token.matches(TOKEN)).isTrue());
        assertThat(settings.toString()).doesNotContain(TOKEN).contains("redacted");
        assertThat(HarnessSettings.fromEnvironment(Map.of(HarnessSettings.API_TOKEN_VARIABLE, "  ")).apiTokenIfSet()).isEmpty();
        assertThat(HarnessSettings.fromEnvironment(Map.of()).apiTokenIfSet()).isEmpty();
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"short-token", "has a space in it, sixteen+", "tab\tinside-the-token-xx", "ünïcödé-token-0123456789"})
    void aWeakOrMalformedTokenIsAConfigurationErrorThatDoesNotEchoIt(String token) {
        assertThatThrownBy(() -> HarnessSettings.fromEnvironment(Map.of(HarnessSettings.API_TOKEN_VARIABLE, token)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(HarnessSettings.API_TOKEN_VARIABLE)
                .message().doesNotContain(token.strip());
    }

    @Test
    void theSessionValueIsStableNotTheTokenAndNotABearer() {
        ApiToken token = ApiToken.of(TOKEN);
        String session = token.sessionValue();
        assertThat(session).isEqualTo(ApiToken.of(TOKEN).sessionValue()).doesNotContain(TOKEN).hasSize(43)
                .matches("[A-Za-z0-9_-]+");
        assertThat(token.matchesSession(session)).isTrue();
        assertThat(token.matchesSession(TOKEN)).isFalse();
        assertThat(token.matchesSession(null)).isFalse();
        assertThat(token.matches(session)).isFalse();
        assertThat(ApiToken.of(TOKEN + "x").matchesSession(session)).isFalse();
        assertThat(token.toString()).doesNotContain(TOKEN);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"})
    void aLoopbackServerWithoutATokenStartsWithoutAWarning(String host) {
        HarnessSettings settings = HarnessSettings.builder().host(host).build();
        assertThat(HarnessServer.exposureWarning(settings)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0.0.0.0", "::", "10.1.2.3", "load-harness.example"})
    void aReachableServerWithoutATokenStartsWithAClearWarning(String host) {
        HarnessSettings open = HarnessSettings.builder().host(host).build();
        assertThat(HarnessServer.exposureWarning(open)).hasValueSatisfying(warning -> assertThat(warning)
                .contains(host).contains("without an API token").contains(HarnessSettings.API_TOKEN_VARIABLE));
        assertThat(HarnessServer.exposureWarning(open.withApiToken(ApiToken.of(TOKEN)))).isEmpty();
    }

    private static Http1ClientResponse send(ApiRoutes.Route route, Optional<String> token) {
        String path = route.template().replace("{job_id}", "job_0_0");
        Http1ClientRequest request = client.method(route.method()).path(path);
        token.ifPresent(t -> request.header(HeaderNames.AUTHORIZATION, "Bearer " + t));
        if (route.params() != null) {
            return request.header(HeaderNames.CONTENT_TYPE, "application/json").submit("{}");
        }
        return request.request();
    }

    private static Http1ClientRequest authorized(Http1ClientRequest request) {
        return request.header(HeaderNames.AUTHORIZATION, "Bearer " + TOKEN);
    }

    private static void assertUnauthorized(Http1ClientResponse response) {
        assertThat(response.status()).isEqualTo(Status.UNAUTHORIZED_401);
        assertThat(response.headers().first(HeaderNames.WWW_AUTHENTICATE)).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));
        assertThat(response.headers().contentType()).hasValueSatisfying(
                type -> assertThat(type.text()).startsWith(Problems.CONTENT_TYPE));
        JsonObject problem = json(response.as(String.class));
        assertThat(problem.getInt("status")).isEqualTo(401);
        assertThat(problem.getString("detail")).contains("API token").doesNotContain(TOKEN);
    }
}
