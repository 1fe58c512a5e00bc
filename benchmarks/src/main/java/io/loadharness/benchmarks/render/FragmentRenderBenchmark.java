package io.loadharness.benchmarks.render;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The dashboard's largest htmx fragment, {@code partials/cluster_result.peb} (a fan-out's result with
 * ten pods), rendered by Pebble from harness-ui's own template file with the dashboard's settings
 * (autoescaping, strict variables, newline trimming), in microseconds, against building the same
 * HTML with a {@link StringBuilder} and an escape function: the floor under any template engine.
 *
 * <p>The template is read from harness-ui's jar by name, so a change to its variables fails this
 * benchmark when it runs (strict variables), never the build.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FragmentRenderBenchmark {

    /** The engine, the compiled template and the model. */
    @State(Scope.Thread)
    public static class Fragment {
        PebbleTemplate template;
        Map<String, Object> model;
        Map<String, Object> cluster;
        List<Map<String, Object>> pods;

        /** Compiles the template once, as the dashboard's engine caches it. */
        @Setup(Level.Trial)
        public void compile() {
            ClasspathLoader loader = new ClasspathLoader(FragmentRenderBenchmark.class.getClassLoader());
            loader.setPrefix("io/loadharness/ui/templates/");
            loader.setSuffix(".peb");
            PebbleEngine engine = new PebbleEngine.Builder().loader(loader).strictVariables(true).autoEscaping(true)
                    .newLineTrimming(true).defaultLocale(Locale.ROOT).build();
            template = engine.getTemplate("partials/cluster_result");
            pods = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Map<String, Object> pod = new LinkedHashMap<>();
                pod.put("pod", "load-harness-7d9f8b6c5-" + (char) ('a' + i) + "x2kq");
                pod.put("requests", 100 + i);
                pod.put("count", (100 + i) + " calls");
                pod.put("share", String.format(Locale.ROOT, "%.1f %%", 10.0 + i * 0.1));
                pod.put("latency", String.format(Locale.ROOT, "%.1f ms", 2.0 + i * 0.3));
                pods.add(pod);
            }
            cluster = new LinkedHashMap<>();
            cluster.put("allFailed", false);
            cluster.put("cancelled", false);
            cluster.put("sent", 1_045);
            cluster.put("requested", 1_045);
            cluster.put("target", "http://load-harness.applications.svc.cluster.local");
            cluster.put("wall", "1.84 s");
            cluster.put("succeeded", 1_045);
            cluster.put("failed", 0);
            cluster.put("p50", "2.1 ms");
            cluster.put("p90", "3.4 ms");
            cluster.put("p95", "4.0 ms");
            cluster.put("p99", "6.2 ms");
            cluster.put("average", "2.4 ms");
            cluster.put("throughput", "568 req/s");
            cluster.put("uniquePods", 10);
            cluster.put("answered", 1_045);
            cluster.put("failures", List.of());
            cluster.put("pods", pods);
            model = new LinkedHashMap<>();
            model.put("cluster", cluster);
            model.put("base", "/ui");
        }
    }

    /**
     * @param fragment template and model
     * @return the HTML
     */
    @Benchmark
    public String pebble(Fragment fragment) {
        StringWriter out = new StringWriter(4096);
        try {
            fragment.template.evaluate(out, fragment.model, Locale.ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * The baseline: the same HTML written by hand.
     *
     * @param fragment the model
     * @return the HTML
     */
    @Benchmark
    public String baselineStringBuilder(Fragment fragment) {
        Map<String, Object> c = fragment.cluster;
        StringBuilder out = new StringBuilder(4096);
        out.append("<div class=\"result success cluster-result\" role=\"status\">\n")
                .append("  <span class=\"icon\" aria-hidden=\"true\">✓</span>\n")
                .append("  <h4>Completed ").append(escape(c.get("requested"))).append(" calls in ").append(escape(c.get("wall")))
                .append("</h4>\n  <dl>\n");
        for (String[] row : new String[][] {{"Requests", "requests"}, {"Succeeded", "succeeded"}, {"Failed", "failed"},
                {"p50", "p50"}, {"p90", "p90"}, {"p95", "p95"}, {"p99", "p99"}, {"Average", "average"},
                {"Throughput", "throughput"}, {"Unique pods", "uniquePods"}}) {
            out.append("    <dt>").append(row[0]).append("</dt><dd class=\"").append(row[1]).append("\">")
                    .append(escape(c.get(row[1]))).append("</dd>\n");
        }
        out.append("  </dl>\n  <h5>Load distribution</h5>\n  <ul class=\"pods\">\n");
        for (Map<String, Object> pod : fragment.pods) {
            out.append("    <li class=\"pod-share\">\n      <span class=\"pod-name\"><code>").append(escape(pod.get("pod")))
                    .append("</code></span>\n      <progress max=\"").append(escape(c.get("answered"))).append("\" value=\"")
                    .append(escape(pod.get("requests"))).append("\" aria-label=\"Share of ").append(escape(pod.get("pod")))
                    .append("\">").append(escape(pod.get("share"))).append("</progress>\n      <span class=\"pod-figures\">")
                    .append(escape(pod.get("count"))).append(" · ").append(escape(pod.get("share"))).append(" · ")
                    .append(escape(pod.get("latency"))).append("</span>\n    </li>\n");
        }
        return out.append("  </ul>\n</div>\n").toString();
    }

    private static String escape(Object value) {
        String s = String.valueOf(value);
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            String replacement = switch (s.charAt(i)) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(s.charAt(i));
                }
            }
        }
        return out == null ? s : out.toString();
    }
}
