package io.loadharness.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadharness.core.Limits;
import io.loadharness.core.LoadHarness;
import io.loadharness.core.fanout.CallResult;
import io.loadharness.core.params.BurnSpec;
import io.loadharness.core.params.CpuJobSpec;
import io.loadharness.core.params.FanOutSpec;
import io.loadharness.core.params.MemoryHoldSpec;
import io.loadharness.core.params.MemoryJobSpec;
import io.loadharness.core.params.ParamSpec;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * Generated form posts to every mutating dashboard route, sent as the dashboard's own page would
 * (same-origin): wrong, huge, negative and unicode values, unknown and repeated names, malformed
 * encodings, empty bodies and wrong content types. The only acceptable answers are 2xx or a 4xx error
 * fragment ({@code .result.error} with its status); never a 5xx, a stack trace or a hang. Valid values
 * come from the cheap end of each range, and jobs are stopped after every try.
 */
class BadFormPropertyTest {

    private static final Pattern STACK_FRAME = Pattern.compile("\\bat [\\w$]+(\\.[\\w$]+)+\\(");
    private static final Map<String, List<ParamSpec>> ROUTES = Map.of(
            "/ui/partials/cpu-result", CpuJobSpec.PARAMS.params(),
            "/ui/partials/cpu-burn-result", BurnSpec.PARAMS.params(),
            "/ui/partials/memory-result", MemoryHoldSpec.PARAMS.params(),
            "/ui/partials/memory-job-result", MemoryJobSpec.PARAMS.params(),
            "/ui/partials/cluster-result", FanOutSpec.PARAMS.params(),
            "/ui/partials/cluster-runs/run_1/cancel", List.of(),
            "/ui/partials/active-jobs/stop-all", List.of(),
            "/ui/partials/active-jobs/job_1_1/stop", List.of(),
            "/ui/login", List.of());
    private static final List<String> CONTENT_TYPES = List.of("application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=UTF-8", "APPLICATION/X-WWW-FORM-URLENCODED", "application/json",
            "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded; charset=latin1", "a/b;;=");
    private static final Map<Integer, AtomicInteger> STATUSES = new ConcurrentHashMap<>();

    private static LoadHarness harness;
    private static TestServer server;
    private static long started;

    @BeforeContainer
    static void start() {
        harness = LoadHarness.builder().podName("fuzz-pod")
                .limits(Limits.builder().memoryBudgetBytes(64L << 20).maxConcurrentJobs(4).maxCpuWorkers(1).build())
                .build();
        Dashboard dashboard = Dashboard.builder().harness(harness)
                .cluster((iterations, timeout) -> CallResult.ok("pod-a"), "http://cluster.test").build();
        server = new TestServer(routing -> dashboard.register(routing, ""));
        started = System.nanoTime();
    }

    @AfterTry
    void stopJobs() {
        harness.stopAll();
    }

    @AfterContainer
    static void stop() {
        Map<Integer, Integer> statuses = new TreeMap<>();
        STATUSES.forEach((status, count) -> statuses.put(status, count.get()));
        Figures.start("dashboard-bad-form-property")
                .put("forms posted", statuses.values().stream().mapToInt(Integer::intValue).sum())
                .put("answers by status", statuses)
                .put("duration", String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - started) / 1e9));
        server.close();
        harness.close();
    }

    /**
     * @param path        the route
     * @param contentType the Content-Type header
     * @param body        the body
     */
    record Post(String path, String contentType, byte[] body) {
        @Override
        public String toString() {
            return "POST " + path + " [" + contentType + "] " + new String(body, StandardCharsets.UTF_8);
        }
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void everyMutatingDashboardRouteAnswersBadFormsWithAResultOrAnErrorFragment(@ForAll("posts") Post post)
            throws Exception {
        HttpResponse<String> res = server.send(HttpRequest.newBuilder(URI.create(server.origin() + post.path()))
                .header("Content-Type", post.contentType())
                .header("HX-Request", "true")
                .header("Sec-Fetch-Site", "same-origin")
                .header("Origin", server.origin())
                .timeout(Duration.ofSeconds(15))
                .POST(HttpRequest.BodyPublishers.ofByteArray(post.body())));
        STATUSES.computeIfAbsent(res.statusCode(), s -> new AtomicInteger()).incrementAndGet();
        assertThat(res.statusCode()).as("status of %s: %s", post, res.body()).isBetween(200, 499);
        assertThat(STACK_FRAME.matcher(res.body()).find()).as("stack frame in the answer to %s", post).isFalse();
        if (res.statusCode() >= 400 && !post.path().equals("/ui/login")) {
            assertThat(res.headers().firstValue("Content-Type")).as("content type of the %s answer to %s: %s", res.statusCode(), post, res.body())
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            Element error = Jsoup.parseBodyFragment(res.body()).selectFirst(".result.error");
            assertThat(error).as("error fragment in the %s answer to %s", res.statusCode(), post).isNotNull();
            assertThat(error.attr("data-status")).isEqualTo(String.valueOf(res.statusCode()));
            assertThat(error.selectFirst(".message").text()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<Post> posts() {
        return Arbitraries.of(List.copyOf(ROUTES.keySet())).flatMap(path -> Combinators.combine(
                Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(CONTENT_TYPES.getFirst())),
                        Tuple.of(1, Arbitraries.of(CONTENT_TYPES))),
                bodies(ROUTES.get(path)))
                .as((type, body) -> new Post(path, type, body)));
    }

    private static Arbitrary<byte[]> bodies(List<ParamSpec> specs) {
        List<Arbitrary<String>> fields = new ArrayList<>();
        for (ParamSpec spec : specs) {
            fields.add(Arbitraries.frequencyOf(
                    Tuple.of(spec.name().equals("duration_ms") ? 1 : 2, Arbitraries.just("")),
                    Tuple.of(3, cheap(spec).map(v -> pair(spec.name(), String.valueOf(v)))),
                    Tuple.of(6, wrong(spec).map(v -> pair(spec.name(), v)))));
        }
        Arbitrary<String> extra = Combinators.combine(
                Arbitraries.oneOf(Arbitraries.of("token", "target", "url", "cores", "x", ""), Arbitraries.strings().all().ofMaxLength(10)),
                Arbitraries.strings().all().ofMaxLength(20)).as(BadFormPropertyTest::pair);
        Arbitrary<String> form = Combinators.combine(
                fields.isEmpty() ? Arbitraries.just(List.<String>of()) : Combinators.combine(fields).as(list -> list),
                extra.list().ofMaxSize(2),
                Arbitraries.frequency(Tuple.of(3, false), Tuple.of(1, true)))
                .as((own, more, withExtra) -> {
                    List<String> all = new ArrayList<>(own.stream().filter(s -> !s.isEmpty()).toList());
                    if (withExtra) {
                        all.addAll(more);
                    }
                    return String.join("&", all);
                });
        return Arbitraries.frequencyOf(
                Tuple.of(7, form.map(BadFormPropertyTest::utf8)),
                Tuple.of(1, Arbitraries.just(new byte[0])),
                Tuple.of(1, Arbitraries.of("%ZZ=1", "a=%", "=&=&=", "&&&&", "duration_ms=%E0%A4%A", "x=1&x=2",
                        "duration_ms=1;complexity=1", "{\"duration_ms\": 1}").map(BadFormPropertyTest::utf8)),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300)),
                Tuple.of(1, Arbitraries.integers().between(17_000, 70_000).map(n -> utf8("x=" + "a".repeat(n)))));
    }

    private static Arbitrary<Long> cheap(ParamSpec spec) {
        long span = switch (spec.name()) {
            case "duration_ms" -> 50;
            case "iterations" -> 2_000;
            case "size_mb", "requests", "concurrency", "duration_seconds" -> 5;
            default -> 9;
        };
        return Arbitraries.longs().between(spec.min(), Math.min(spec.max(), spec.min() + span));
    }

    private static Arbitrary<String> wrong(ParamSpec spec) {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(Long.MIN_VALUE, spec.min() - 1).map(String::valueOf),
                Arbitraries.longs().between(spec.max() + 1, Long.MAX_VALUE).map(String::valueOf),
                Arbitraries.integers().between(20, 300).map("9"::repeat),
                Arbitraries.of("", " ", "1.5", "1e3", "0x10", "+5", "-0", "NaN", "true", "\u0661\u0662", "\uff11\uff10",
                        String.valueOf(spec.min() - 1), String.valueOf(spec.max() + 1), "<script>alert(1)</script>"),
                Arbitraries.strings().all().ofMaxLength(30));
    }

    private static String pair(String name, String value) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
