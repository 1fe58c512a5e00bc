package io.loadharness.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadharness.core.Limits;
import io.loadharness.core.params.ParamSet;
import io.loadharness.core.params.ParamSpec;
import jakarta.json.JsonObject;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.PropagationMode;

/**
 * Generated bad input against one real server: arbitrary JSON, wrong types, huge, negative and
 * fractional numbers, unicode, missing and extra fields, empty, malformed and oversized bodies, wrong
 * content types, hostile query strings and made-up paths and job ids, on every route of the API. The
 * only acceptable answers are 2xx, or a 4xx problem document that is JSON with a detail; never a 5xx,
 * never a stack trace, never a hang (each request has a 15 s read timeout).
 *
 * <p>Valid values are drawn from the cheap end of each range (burns of at most 50 ms, holds of at most
 * 150 ms, at most 6 fan-out calls of 1,000-3,000 iterations) and jobs are stopped after every try, so
 * the few generated requests that are valid cost little.
 */
@AddLifecycleHook(value = PropertyFigures.class, propagateTo = PropagationMode.DIRECT_DESCENDANTS)
class BadInputPropertyTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** A Java stack frame, e.g. {@code at io.loadharness.http.X.y(X.java:12)}. */
    private static final Pattern STACK_FRAME = Pattern.compile("\\bat [\\w$]+(\\.[\\w$]+)+\\(");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "application/problem+json", "APPLICATION/JSON", "text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz", "application/xml", "application/json; charset=latin1", "garbage/;;;=",
            "", "*/*");
    private static final List<String> EXTRA_FIELDS = List.of("target", "url", "host", "__proto__", "constructor", "",
            " ", "DURATION_MS", "duration_ms ", "size_MB", "keep_alive", "\u0000", "\u00e9t\u00e9", "\ud83d\ude80", "job_id");

    private static HarnessServer server;

    @BeforeContainer
    static void start() {
        Limits limits = Limits.builder()
                .memoryBudgetBytes(64L << 20)
                .maxConcurrentJobs(4)
                .maxCpuWorkers(1)
                .maxConcurrentFanOuts(2)
                .fanOutCallTimeout(Duration.ofSeconds(2))
                .fanOutDeadline(Duration.ofSeconds(5))
                .build();
        server = HarnessServer.builder()
                .settings(HarnessSettings.builder().host("127.0.0.1").port(0).podName(TestSupport.POD).limits(limits).build())
                .build().start();
    }

    @AfterTry
    void stopJobs() {
        server.harness().stopAll();
    }

    @AfterContainer
    static void stop() {
        server.stop();
    }

    /**
     * A request as sent.
     *
     * @param method      HTTP method
     * @param target      path and query
     * @param contentType the Content-Type header, or empty for none
     * @param body        body bytes
     */
    record Request(String method, String target, String contentType, byte[] body) {
        @Override
        public String toString() {
            String text = new String(body, StandardCharsets.UTF_8);
            return method + " " + target + " [" + contentType + "] " + body.length + " bytes: "
                    + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
        }
    }

    // Boundary values are generated explicitly; jqwik's own edge cases of this many combinators would
    // take every try.
    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    void everyApiRouteAnswersBadBodiesWithSuccessOrAClearClientError(@ForAll("bodyRequests") Request request)
            throws Exception {
        check("everyApiRouteAnswersBadBodiesWithSuccessOrAClearClientError", request);
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void madeUpPathsMethodsAndJobIdsAreClientErrors(@ForAll("pathRequests") Request request) throws Exception {
        check("madeUpPathsMethodsAndJobIdsAreClientErrors", request);
    }

    private static void check(String property, Request request) throws Exception {
        String head = request.method() + " " + request.target() + " HTTP/1.1\nHost: 127.0.0.1:" + server.port()
                + (request.contentType().isEmpty() ? "" : "\nContent-Type: " + request.contentType());
        RawHttp.Answer answer = RawHttp.send(server.port(), head, request.body(), TIMEOUT);
        PropertyFigures.status(property, answer.status());
        String text = answer.text();
        assertThat(answer.status()).as("status of %s: %s", request, text).isBetween(200, 499);
        assertThat(STACK_FRAME.matcher(text).find()).as("stack frame in the answer to %s: %s", request, text).isFalse();
        String type = answer.header("content-type");
        if (answer.status() >= 400) {
            assertThat(type).as("content type of the %s answer to %s", answer.status(), request).startsWith(Problems.CONTENT_TYPE);
            JsonObject problem = TestSupport.json(text);
            assertThat(problem.getInt("status")).isEqualTo(answer.status());
            assertThat(problem.getString("detail")).isNotBlank();
            assertThat(problem.getString("title")).isNotBlank();
        } else if (!request.target().startsWith("/metrics")) {
            assertThat(type).as("content type of the answer to %s", request).startsWith("application/json");
            TestSupport.json(text);
        }
    }

    @Provide
    Arbitrary<Request> bodyRequests() {
        // Routes that read a body are where bad bodies matter: four times the weight of the others.
        Arbitrary<ApiRoutes.Route> routes = Arbitraries.frequency(ApiRoutes.ALL.stream()
                .map(route -> Tuple.of(route.params() == null ? 1 : 4, route)).toList());
        return routes.flatMap(route -> Combinators.combine(
                Arbitraries.frequencyOf(
                        Tuple.of(9, Arbitraries.just(route.method().text())),
                        Tuple.of(1, Arbitraries.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "FOO"))),
                jobIds().map(id -> route.template().replace("{job_id}", id)),
                queries(),
                Arbitraries.of(CONTENT_TYPES),
                bodies(route.params()))
                .as((method, path, query, type, body) -> new Request(method, path + query, type, body)));
    }

    @Provide
    Arbitrary<Request> pathRequests() {
        Arbitrary<String> segments = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(20).map(BadInputPropertyTest::encode),
                Arbitraries.of("..", ".", "%2e%2e", "%2F", "job_1_1", "%00", "..%2f..%2fetc%2fpasswd", "cpu", "jobs",
                        "memory", "cluster", "info", "burn", "work", "status"));
        Arbitrary<String> paths = Combinators.combine(
                Arbitraries.of("/load/", "/load/jobs/", "/load/cpu/", "/system/", "/load/memory/", "/health/", "/"),
                segments.list().ofMinSize(1).ofMaxSize(4).map(list -> String.join("/", list)))
                .as((base, rest) -> base + rest);
        return Combinators.combine(Arbitraries.of("GET", "POST", "PUT", "PATCH", "DELETE"), paths, queries())
                .as((method, path, query) -> new Request(method, path + query, "application/json",
                        "{}".getBytes(StandardCharsets.US_ASCII)));
    }

    private static Arbitrary<String> jobIds() {
        return Arbitraries.oneOf(
                Arbitraries.just("job_0_0"),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40).map(BadInputPropertyTest::encode),
                Arbitraries.longs().map(n -> "job_" + n + "_" + n));
    }

    private static Arbitrary<String> queries() {
        Arbitrary<String> pair = Combinators.combine(
                Arbitraries.oneOf(Arbitraries.of("target", "url", "size_mb", "duration_ms", "cores", "_method"),
                        Arbitraries.strings().all().ofMaxLength(10)),
                Arbitraries.oneOf(Arbitraries.of("http://evil.example", "999999999999999999999", "-1", "<script>"),
                        Arbitraries.strings().all().ofMaxLength(20)))
                .as((k, v) -> encode(k) + "=" + encode(v));
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just("")),
                Tuple.of(1, pair.list().ofMinSize(1).ofMaxSize(3).map(list -> "?" + String.join("&", list))),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(20).map(text -> "?" + encode(text))));
    }

    private static Arbitrary<byte[]> bodies(ParamSet<?> params) {
        List<ParamSpec> specs = params == null ? List.of() : params.params();
        Arbitrary<String> objects = fieldsOf(specs);
        return Arbitraries.frequencyOf(
                Tuple.of(6, objects.map(BadInputPropertyTest::utf8)),
                Tuple.of(2, json(3).map(BadInputPropertyTest::utf8)),
                Tuple.of(1, Arbitraries.just(new byte[0])),
                Tuple.of(1, malformed(objects)),
                Tuple.of(1, oversized(objects)));
    }

    /** A JSON object of the route's own fields (each absent, cheap and valid, or wrong) and extra ones. */
    private static Arbitrary<String> fieldsOf(List<ParamSpec> specs) {
        List<Arbitrary<String>> members = new ArrayList<>();
        for (ParamSpec spec : specs) {
            members.add(Arbitraries.frequencyOf(
                    Tuple.of(spec.name().equals("duration_ms") ? 1 : 2, Arbitraries.just("")),
                    Tuple.of(3, cheapValid(spec).map(v -> member(spec.name(), String.valueOf(v)))),
                    Tuple.of(6, wrongValue(spec).map(v -> member(spec.name(), v)))));
        }
        Arbitrary<List<String>> own = members.isEmpty() ? Arbitraries.just(List.of()) : Combinators.combine(members).as(list -> list);
        Arbitrary<List<String>> extra = Combinators.combine(
                Arbitraries.oneOf(Arbitraries.of(EXTRA_FIELDS), Arbitraries.strings().all().ofMaxLength(12)),
                json(2)).as(BadInputPropertyTest::member).list().ofMaxSize(2);
        Arbitrary<Boolean> withExtra = Arbitraries.frequency(Tuple.of(3, false), Tuple.of(1, true));
        return Combinators.combine(own, extra, withExtra).as((o, e, use) -> {
            List<String> all = new ArrayList<>(o.stream().filter(s -> !s.isEmpty()).toList());
            if (use) {
                all.addAll(e);
            }
            return "{" + String.join(", ", all) + "}";
        });
    }

    /** The cheap end of the range: short burns and holds, small sizes, few calls of little work. */
    private static Arbitrary<Long> cheapValid(ParamSpec spec) {
        long span = switch (spec.name()) {
            case "duration_ms" -> 50;
            case "iterations" -> 2_000;
            case "size_mb" -> 6;
            case "requests", "concurrency" -> 5;
            case "duration_seconds" -> 5;
            default -> 9;
        };
        return Arbitraries.longs().between(spec.min(), Math.min(spec.max(), spec.min() + span));
    }

    private static Arbitrary<String> wrongValue(ParamSpec spec) {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(Long.MIN_VALUE, spec.min() - 1).map(String::valueOf),
                Arbitraries.longs().between(spec.max() + 1, Long.MAX_VALUE).map(String::valueOf),
                Arbitraries.integers().between(20, 400).map(digits -> "9".repeat(digits)),
                Arbitraries.integers().between(20, 400).map(digits -> "-1" + "0".repeat(digits)),
                Arbitraries.of(String.valueOf(spec.min() - 1), String.valueOf(spec.max() + 1), "0", "-1",
                        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "18446744073709551616"),
                Arbitraries.of("1.5", "10.0", "1e3", "1E+2", "-0", "0.0000001", "1e400", "-1e-400", "NaN", "Infinity",
                        "0x10", "01", "+5", ".5"),
                Arbitraries.longs().between(spec.min(), spec.max()).map(v -> "\"" + v + "\""),
                Arbitraries.strings().all().ofMaxLength(30).map(BadInputPropertyTest::quote),
                Arbitraries.of("true", "false", "null", "[]", "{}", "[10]", "{\"value\": 10}"),
                json(2));
    }

    /** Arbitrary JSON of at most the given depth: any type, unicode, big and small numbers. */
    private static Arbitrary<String> json(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(30).map(BadInputPropertyTest::quote),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)).map(String::valueOf),
                Arbitraries.doubles().map(d -> Double.isFinite(d) ? String.valueOf(d) : "1e999"),
                Arbitraries.of("true", "false", "null"));
        if (depth <= 0) {
            return scalar;
        }
        Arbitrary<String> inner = json(depth - 1);
        return Arbitraries.oneOf(
                scalar,
                inner.list().ofMaxSize(4).map(list -> "[" + String.join(",", list) + "]"),
                Combinators.combine(Arbitraries.strings().all().ofMaxLength(10), inner).as(BadInputPropertyTest::member)
                        .list().ofMaxSize(4).map(list -> "{" + String.join(",", list) + "}"));
    }

    private static Arbitrary<byte[]> malformed(Arbitrary<String> objects) {
        return Arbitraries.oneOf(
                objects.map(o -> utf8(o.substring(0, Math.max(0, o.length() - 1)))),
                objects.map(o -> utf8(o + o)),
                objects.map(o -> utf8(o.replace(":", "="))),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(200),
                Arbitraries.of(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'},
                        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'},
                        new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'},
                        utf8("size_mb=10&duration_ms=100"), utf8("<xml/>"), utf8("{\"a\":" + "[".repeat(5000))));
    }

    private static Arbitrary<byte[]> oversized(Arbitrary<String> objects) {
        return Combinators.combine(objects, Arbitraries.integers().between(JsonBodies.MAX_BYTES + 1, 4 * JsonBodies.MAX_BYTES))
                .as((o, size) -> utf8(o + " ".repeat(Math.max(0, size - o.length()))));
    }

    private static String member(String name, String value) {
        return quote(name) + ": " + value;
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
