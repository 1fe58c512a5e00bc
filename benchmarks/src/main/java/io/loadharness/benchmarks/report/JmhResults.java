package io.loadharness.benchmarks.report;

import io.loadharness.benchmarks.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JMH's {@code -rf json} output, looked up by benchmark and parameters.
 */
final class JmhResults {

    /**
     * One benchmark's result.
     *
     * @param benchmark   class simple name and method, e.g. {@code CpuWorkBenchmark.iterate}
     * @param params      the parameters
     * @param score       the primary score
     * @param error       the 99.9% confidence half-width, NaN when there were too few iterations
     * @param unit        the score's unit, e.g. {@code ns/op}
     * @param percentiles the score's percentiles by rank (sample-time mode), e.g. {@code 99.0}
     * @param secondary   secondary metrics (JMH auxiliary counters) by name
     * @param settings    forks, warm-up and measurement, as JMH ran them
     */
    record Result(String benchmark, Map<String, String> params, double score, double error, String unit,
                  Map<String, Double> percentiles, Map<String, Double> secondary, String settings) {
    }

    private final List<Result> results;

    private JmhResults(List<Result> results) {
        this.results = results;
    }

    static JmhResults read(Path file) throws IOException {
        List<Result> results = new ArrayList<>();
        if (!Files.exists(file)) {
            return new JmhResults(results);
        }
        for (Object item : Json.array(Json.parse(Files.readString(file)))) {
            Map<String, Object> run = Json.object(item);
            String name = (String) run.get("benchmark");
            String[] parts = name.split("\\.");
            String shortName = parts[parts.length - 2] + "." + parts[parts.length - 1];
            Map<String, String> params = new LinkedHashMap<>();
            if (run.get("params") != null) {
                Json.object(run.get("params")).forEach((k, v) -> params.put(k, String.valueOf(v)));
            }
            Map<String, Object> primary = Json.object(run.get("primaryMetric"));
            Map<String, Double> percentiles = new LinkedHashMap<>();
            if (primary.get("scorePercentiles") != null) {
                Json.object(primary.get("scorePercentiles")).forEach((k, v) -> percentiles.put(k, Json.number(v)));
            }
            Map<String, Double> secondary = new LinkedHashMap<>();
            if (run.get("secondaryMetrics") != null) {
                Json.object(run.get("secondaryMetrics")).forEach((k, v) -> secondary.put(k, Json.number(Json.object(v).get("score"))));
            }
            String settings = String.format(java.util.Locale.ROOT, "%d fork, %d x %s warm-up, %d x %s measurement",
                    (int) Json.number(run.get("forks")), (int) Json.number(run.get("warmupIterations")), run.get("warmupTime"),
                    (int) Json.number(run.get("measurementIterations")), run.get("measurementTime"));
            results.add(new Result(shortName, params, Json.number(primary.get("score")), Json.number(primary.get("scoreError")),
                    (String) primary.get("scoreUnit"), percentiles, secondary, settings));
        }
        return new JmhResults(results);
    }

    boolean isEmpty() {
        return results.isEmpty();
    }

    List<Result> all() {
        return results;
    }

    /**
     * @param benchmark class simple name and method
     * @param params    alternating names and values that must match
     * @return the result, if that benchmark ran
     */
    Optional<Result> find(String benchmark, String... params) {
        outer:
        for (Result result : results) {
            if (!result.benchmark().equals(benchmark)) {
                continue;
            }
            for (int i = 0; i < params.length; i += 2) {
                if (!params[i + 1].equals(result.params().get(params[i]))) {
                    continue outer;
                }
            }
            return Optional.of(result);
        }
        return Optional.empty();
    }
}
