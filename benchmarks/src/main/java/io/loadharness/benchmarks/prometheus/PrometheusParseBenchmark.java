package io.loadharness.benchmarks.prometheus;

import io.loadharness.prometheus.QueryResult;
import io.loadharness.prometheus.QuerySuccess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import java.io.StringReader;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A Prometheus query response parsed into harness-prometheus's typed result, in microseconds: an
 * instant vector of 10 series (one per pod, as the dashboard's live figures ask) and a range matrix
 * of 10 series by 60 points (a chart), against reading the same text into a plain JSON tree with the
 * same JSON library, the floor under any typed mapping (once as the parser calls it, once through a
 * reader factory made once).
 *
 * <p>The parser is package-private; the benchmark binds it at run time through a private lookup (the
 * benchmarks run on the class path), so a rename in harness-prometheus fails this benchmark when it
 * runs, never the build.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PrometheusParseBenchmark {

    private static final MethodHandle PARSE = parser();

    /** The response text. */
    @State(Scope.Thread)
    public static class Response {
        @Param({"vector", "matrix"})
        public String type;
        String body;

        /** Builds the body once. */
        @Setup(Level.Trial)
        public void build() {
            StringBuilder result = new StringBuilder();
            double start = 1_764_763_200.0;
            for (int series = 0; series < 10; series++) {
                if (series > 0) {
                    result.append(',');
                }
                result.append("{\"metric\":{\"__name__\":\"process_cpu_usage\",\"job\":\"load-harness\",\"namespace\":\"applications\",\"pod\":\"load-harness-7d9f8b6c5-")
                        .append((char) ('a' + series)).append("x2kq\"},");
                if (type.equals("vector")) {
                    result.append(String.format(Locale.ROOT, "\"value\":[%.3f,\"%.6f\"]}", start, 0.1 + series * 0.07));
                } else {
                    result.append("\"values\":[");
                    for (int point = 0; point < 60; point++) {
                        result.append(point > 0 ? "," : "").append(String.format(Locale.ROOT, "[%.3f,\"%.6f\"]",
                                start + point * 5, 0.1 + series * 0.07 + point * 0.001));
                    }
                    result.append("]}");
                }
            }
            body = "{\"status\":\"success\",\"data\":{\"resultType\":\"" + type + "\",\"result\":[" + result + "]}}";
            QueryResult parsed = typed(body);
            if (!(parsed instanceof QuerySuccess)) {
                throw new IllegalStateException("the sample response does not parse: " + parsed);
            }
        }
    }

    private static MethodHandle parser() {
        try {
            Class<?> parser = Class.forName("io.loadharness.prometheus.ResponseParser");
            return MethodHandles.privateLookupIn(parser, MethodHandles.lookup()).findStatic(parser, "parse",
                    MethodType.methodType(QueryResult.class, int.class, String.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * @param response the text
     * @return the typed result
     */
    @Benchmark
    public QueryResult parse(Response response) {
        return typed(response.body);
    }

    private static QueryResult typed(String body) {
        try {
            return (QueryResult) PARSE.invokeExact(200, body);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    /**
     * The baseline: the same text read into a JSON tree, nothing more, through the same static
     * {@code Json.createReader} the parser uses (which looks the JSON provider up on every call).
     *
     *
     * @param response the text
     * @return the tree
     */
    @Benchmark
    public JsonObject baselineJsonTree(Response response) {
        try (JsonReader reader = Json.createReader(new StringReader(response.body))) {
            return reader.readObject();
        }
    }

    /**
     * A second baseline: the same JSON tree through a reader factory made once, so the provider is
     * looked up once, not per response.
     *
     * @param response the text
     * @return the tree
     */
    @Benchmark
    public JsonObject baselineJsonTreeCachedFactory(Response response) {
        try (JsonReader reader = READERS.createReader(new StringReader(response.body))) {
            return reader.readObject();
        }
    }
}
