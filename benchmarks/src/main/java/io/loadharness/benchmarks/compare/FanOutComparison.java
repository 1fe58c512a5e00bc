package io.loadharness.benchmarks.compare;

import io.loadharness.core.fanout.FanOut;
import io.loadharness.core.fanout.FanOutResult;
import io.loadharness.core.params.FanOutSpec;
import io.loadharness.http.HttpTransport;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fan-out throughput: our engine with harness-http's {@link HttpTransport} against {@code hey}, both
 * at concurrency 50 with the same number of requests to the same endpoint of one local server
 * ({@code POST /load/cpu/work} with 1,000 iterations), with keep-alive and with a new connection per
 * request. Each side first runs a discarded warm-up of the same size; then the measured rounds
 * alternate (and who goes first alternates too), and each side's median round is reported: requests per second and p99 latency, plus the CPU time the client
 * and the server spent per request (from {@code /proc}) to show where the time goes.
 *
 * <p>The engine's rate ceiling is lifted (the product's default is 5,000 calls/s, a safety limit, not
 * a cost); nothing else is tuned.
 */
final class FanOutComparison {

    static final int CONCURRENCY = 50;
    static final int ITERATIONS = 1_000;
    private static final String PATH = "/load/cpu/work";
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P99 = Pattern.compile("99%+ in ([0-9.]+) secs");
    private static final Pattern STATUS = Pattern.compile("\\[(\\d+)]\\s+(\\d+) responses");

    private FanOutComparison() {
    }

    static Map<String, Object> run(Settings settings) throws Exception {
        int requests = settings.quick() ? 2_000 : 10_000;
        int rounds = settings.quick() ? 1 : 3;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requests", requests);
        out.put("concurrency", CONCURRENCY);
        out.put("rounds", rounds);
        out.put("endpoint", "POST " + PATH + " {\"iterations\":" + ITERATIONS + "}");
        try (Server server = Server.start(settings, "fanout-server.log");
             FanOut engine = FanOut.builder().callTimeout(Duration.ofSeconds(10)).deadline(Duration.ofSeconds(120))
                     .maxConcurrentRuns(1).maxRate(1_000_000_000).build()) {
            URI target = URI.create("http://127.0.0.1:" + server.port());
            out.put("server", server.description());
            for (boolean keepAlive : new boolean[] {true, false}) {
                HttpTransport transport = HttpTransport.builder().target(target).keepAlive(keepAlive)
                        .maxConnections(CONCURRENCY).build();
                // The server's JIT needs tens of thousands of requests to settle: both sides warm it up first.
                ours(engine, transport, server, requests);
                hey(settings, server, keepAlive, requests);
                List<Map<String, Object>> oursRounds = new ArrayList<>();
                List<Map<String, Object>> heyRounds = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    // Alternating who goes first, so neither side always meets a server the other has just warmed.
                    if (round % 2 == 0) {
                        heyRounds.add(hey(settings, server, keepAlive, requests));
                        oursRounds.add(ours(engine, transport, server, requests));
                    } else {
                        oursRounds.add(ours(engine, transport, server, requests));
                        heyRounds.add(hey(settings, server, keepAlive, requests));
                    }
                }
                Map<String, Object> mode = new LinkedHashMap<>();
                mode.put("ours", median(oursRounds));
                mode.put("hey", median(heyRounds));
                System.out.println("   " + (keepAlive ? "keep-alive" : "new connection") + ": " + mode);
                out.put(keepAlive ? "keep_alive" : "new_connection", mode);
            }
        }
        return out;
    }

    private static Map<String, Object> ours(FanOut engine, HttpTransport transport, Server server, int requests)
            throws InterruptedException {
        long serverCpu0 = Proc.processCpuNanos(server.pid());
        // This JVM alone: the server and hey are its children, and must not count as client time.
        long selfCpu0 = Proc.processCpuNanos(ProcessHandle.current().pid());
        FanOutResult result = engine.run(new FanOutSpec(CONCURRENCY, ITERATIONS, requests), transport);
        long selfCpu = Proc.processCpuNanos(ProcessHandle.current().pid()) - selfCpu0;
        long serverCpu = Proc.processCpuNanos(server.pid()) - serverCpu0;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rps", result.throughputRps());
        r.put("p99_ms", result.latency().p99Ms());
        r.put("p50_ms", result.latency().p50Ms());
        r.put("failed", result.failed());
        r.put("failures", result.failuresByKind().toString());
        r.put("client_cpu_us_per_request", selfCpu / 1e3 / requests);
        r.put("server_cpu_us_per_request", serverCpu / 1e3 / requests);
        return r;
    }

    private static Map<String, Object> hey(Settings settings, Server server, boolean keepAlive, int requests)
            throws IOException, InterruptedException {
        String url = "http://127.0.0.1:" + server.port() + PATH;
        String body = "{\"iterations\":" + ITERATIONS + "}";
        // The shell reaps hey, then prints its own stat line, whose cutime and cstime are hey's CPU time.
        String script = "hey -n " + requests + " -c " + CONCURRENCY + " -m POST -T application/json -d '" + body + "' "
                + (keepAlive ? "" : "-disable-keepalive ") + url + "; echo; echo \"STAT $(cat /proc/$$/stat)\"";
        var output = settings.file("fanout-hey.out");
        long serverCpu0 = Proc.processCpuNanos(server.pid());
        Process process = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true)
                .redirectOutput(output).start();
        if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("hey did not finish within 120 s");
        }
        long serverCpu = Proc.processCpuNanos(server.pid()) - serverCpu0;
        String text = Files.readString(output.toPath(), StandardCharsets.UTF_8);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rps", group(RPS, text));
        r.put("p99_ms", group(P99, text) * 1000);
        r.put("p50_ms", number(Pattern.compile("50%+ in ([0-9.]+) secs"), text) * 1000);
        long ok = 0;
        long all = 0;
        Matcher status = STATUS.matcher(text);
        while (status.find()) {
            long count = Long.parseLong(status.group(2));
            all += count;
            if (status.group(1).startsWith("2")) {
                ok += count;
            }
        }
        r.put("failed", requests - ok);
        r.put("failures", all == requests ? "{}" : "non-2xx or errors: see fanout-hey.out");
        String stat = text.substring(text.lastIndexOf("STAT ") + 5).trim();
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long heyTicks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        r.put("client_cpu_us_per_request", heyTicks * (1e6 / Proc.TICKS_PER_SECOND) / requests);
        r.put("server_cpu_us_per_request", serverCpu / 1e3 / requests);
        if (ok == 0) {
            throw new IllegalStateException("hey got no successful answer:\n" + text);
        }
        return r;
    }

    private static double group(Pattern pattern, String text) {
        double value = number(pattern, text);
        if (Double.isNaN(value)) {
            throw new IllegalStateException("hey printed no " + pattern + ":\n" + text);
        }
        return value;
    }

    private static double number(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** @return the round with the median throughput */
    private static Map<String, Object> median(List<Map<String, Object>> rounds) {
        List<Map<String, Object>> sorted = new ArrayList<>(rounds);
        sorted.sort((a, b) -> Double.compare((Double) a.get("rps"), (Double) b.get("rps")));
        Map<String, Object> m = new LinkedHashMap<>(sorted.get(sorted.size() / 2));
        m.put("rps_all_rounds", rounds.stream().map(r -> r.get("rps")).toList());
        return m;
    }
}
