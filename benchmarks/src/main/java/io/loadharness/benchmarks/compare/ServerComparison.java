package io.loadharness.benchmarks.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our server on its own: time from process start to the first healthy answer and the RSS once idle
 * (several fresh processes, median), then the latency of {@code GET /health/live} probes, one at a
 * time on a new connection each as a kubelet sends them, first idle (the baseline) and then while our
 * own CPU job holds every core at intensity 10.
 */
final class ServerComparison {

    private static final long PROBE_INTERVAL_NANOS = 20_000_000L;

    private ServerComparison() {
    }

    static Map<String, Object> run(Settings settings) throws Exception {
        int starts = settings.quick() ? 2 : 5;
        int probes = settings.quick() ? 150 : 500;
        int cores = Runtime.getRuntime().availableProcessors();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("server", settings.serverDescription());
        List<Double> startup = new ArrayList<>();
        List<Double> idleRss = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            try (Server server = Server.start(settings, "server-start.log")) {
                out.put("server", server.description());
                startup.add(server.startupMs());
                Thread.sleep(2_000);
                idleRss.add(Proc.rssBytes(server.pid()) / 1048576.0);
            }
            Thread.sleep(300);
        }
        out.put("starts", starts);
        out.put("startup_ms", startup);
        out.put("median_startup_ms", Stats.median(startup));
        out.put("idle_rss_mib", idleRss);
        out.put("median_idle_rss_mib", Stats.median(idleRss));
        System.out.println("   startup " + startup + " ms, idle RSS " + idleRss + " MiB");

        // As the container image runs it in the example deployment: 768 MiB limit, MaxRAMPercentage=75.
        List<String> pod = List.of("-XX:MaxRAM=768m", "-XX:MaxRAMPercentage=75");
        List<Double> podStartup = new ArrayList<>();
        List<Double> podRss = new ArrayList<>();
        for (int i = 0; i < Math.max(1, starts / 2); i++) {
            try (Server server = Server.start(settings, "server-start-pod.log", pod)) {
                podStartup.add(server.startupMs());
                Thread.sleep(2_000);
                podRss.add(Proc.rssBytes(server.pid()) / 1048576.0);
            }
            Thread.sleep(300);
        }
        out.put("pod_jvm_options", String.join(" ", pod));
        out.put("pod_startup_ms", podStartup);
        out.put("pod_median_startup_ms", Stats.median(podStartup));
        out.put("pod_idle_rss_mib", podRss);
        out.put("pod_median_idle_rss_mib", Stats.median(podRss));
        System.out.println("   as in a pod: startup " + podStartup + " ms, idle RSS " + podRss + " MiB");
        out.put("idle_native_memory_mib", nativeMemory(settings));
        out.put("aot", aotCache(settings, Math.max(1, starts / 2)));

        try (Server server = Server.start(settings, "server-health.log")) {
            probe(server, 50);
            out.put("idle", summary(probe(server, probes), Double.NaN));
            int seconds = Math.max(10, (int) (probes * PROBE_INTERVAL_NANOS / 1_000_000_000L) + 6);
            RawHttp.Answer started = RawHttp.request(server.port(), "POST", "/load/cpu",
                    "{\"cores\":" + cores + ",\"duration_seconds\":" + seconds + ",\"intensity\":10}", 5_000);
            if (started.status() != 202) {
                throw new IllegalStateException("the CPU job was refused: " + started);
            }
            Thread.sleep(1_500);
            long cpu0 = Proc.treeCpu(server.pid()).totalNanos();
            long[] machine0 = Proc.machineCpu();
            long wall0 = System.nanoTime();
            double[] loaded = probe(server, probes);
            long wall = System.nanoTime() - wall0;
            double busy = (Proc.treeCpu(server.pid()).totalNanos() - cpu0) / (double) wall / cores;
            double machineBusy = (Proc.machineCpu()[0] - machine0[0]) / (double) wall;
            RawHttp.request(server.port(), "DELETE", "/load/jobs", null, 5_000);
            Map<String, Object> summary = summary(loaded, busy * 100);
            summary.put("other_load_cores", Math.max(0, machineBusy - busy * cores));
            out.put("loaded", summary);

            // The reference: every core held by stress-ng instead, to see the server alone under full load.
            Thread.sleep(1_000);
            try (Child stress = Child.start(List.of("stress-ng", "--cpu", Integer.toString(cores), "--timeout", seconds + "s",
                    "--quiet"), Map.of(), settings.file("server-stress-ng.log"), true)) {
                Thread.sleep(1_500);
                long stressCpu0 = Proc.treeCpu(stress.pid()).totalNanos();
                long stressWall0 = System.nanoTime();
                double[] stressed = probe(server, probes);
                double stressBusy = (Proc.treeCpu(stress.pid()).totalNanos() - stressCpu0)
                        / (double) (System.nanoTime() - stressWall0) / cores;
                Map<String, Object> reference = summary(stressed, Double.NaN);
                reference.put("stress_ng_cpu_percent_of_all_cores", stressBusy * 100);
                out.put("loaded_by_stress_ng", reference);
            }
        }
        out.put("cores", cores);
        out.put("probes", probes);
        out.put("probe_interval_ms", PROBE_INTERVAL_NANOS / 1_000_000);
        System.out.println("   health " + out.get("idle") + " / under load " + out.get("loaded"));
        return out;
    }

    /**
     * Where the idle server's memory goes: one more plain start with Native Memory Tracking, and
     * {@code jcmd VM.native_memory summary} 2 s after it is healthy; committed MiB by category, largest first.
     */
    private static Map<String, Object> nativeMemory(Settings settings) throws Exception {
        Map<String, Object> committed = new LinkedHashMap<>();
        try (Server server = Server.start(settings, "server-nmt.log", List.of("-XX:NativeMemoryTracking=summary"))) {
            Thread.sleep(2_000);
            String jcmd = Path.of(settings.java()).resolveSibling("jcmd").toString();
            Process process = new ProcessBuilder(jcmd, Long.toString(server.pid()), "VM.native_memory", "summary", "scale=KB")
                    .redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            Matcher m = Pattern
                    .compile("-\\s+([A-Za-z][A-Za-z ]*?) \\(reserved=(\\d+)KB, committed=(\\d+)KB").matcher(text);
            List<Map.Entry<String, Double>> entries = new ArrayList<>();
            while (m.find()) {
                entries.add(Map.entry(m.group(1).trim(), Long.parseLong(m.group(3)) / 1024.0));
            }
            entries.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
            Matcher total = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB")
                    .matcher(text);
            if (total.find()) {
                committed.put("Total", Long.parseLong(total.group(2)) / 1024.0);
            }
            entries.forEach(e -> committed.put(e.getKey(), e.getValue()));
            committed.put("rss", Proc.rssBytes(server.pid()) / 1048576.0);
        }
        return committed;
    }

    /**
     * What JDK 25's ahead-of-time cache would do for start-up: a training run with
     * {@code -XX:AOTCacheOutput} (a few requests, then SIGTERM so the JVM writes the cache as it exits),
     * then fresh starts with {@code -XX:AOTCache}. A failure is recorded, not thrown: this is evidence
     * for a suggestion, not one of the goals.
     */
    private static Map<String, Object> aotCache(Settings settings, int starts) {
        Map<String, Object> aot = new LinkedHashMap<>();
        Path cache = settings.file("server.aot").toPath();
        try {
            Files.deleteIfExists(cache);
            try (Server server = Server.start(settings, "server-aot-training.log", List.of("-XX:AOTCacheOutput=" + cache))) {
                for (String path : List.of("/health/live", "/system/info", "/ui", "/metrics")) {
                    RawHttp.request(server.port(), "GET", path, null, 5_000);
                }
                server.stop(Duration.ofSeconds(60));
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Files.exists(cache) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            if (!Files.exists(cache)) {
                aot.put("error", "no AOT cache was written; see server-aot-training.log");
                return aot;
            }
            List<Double> startup = new ArrayList<>();
            List<Double> rss = new ArrayList<>();
            for (int i = 0; i < starts; i++) {
                try (Server server = Server.start(settings, "server-aot.log", List.of("-XX:AOTCache=" + cache))) {
                    startup.add(server.startupMs());
                    Thread.sleep(2_000);
                    rss.add(Proc.rssBytes(server.pid()) / 1048576.0);
                }
                Thread.sleep(300);
            }
            aot.put("cache_mib", Files.size(cache) / 1048576.0);
            aot.put("startup_ms", startup);
            aot.put("median_startup_ms", Stats.median(startup));
            aot.put("idle_rss_mib", rss);
            aot.put("median_idle_rss_mib", Stats.median(rss));
            System.out.println("   with an AOT cache: startup " + startup + " ms, idle RSS " + rss + " MiB");
        } catch (Exception e) {
            aot.put("error", e.toString());
        }
        return aot;
    }

    private static double[] probe(Server server, int count) throws IOException {
        double[] latencies = new double[count];
        long next = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            RawHttp.Answer answer = RawHttp.request(server.port(), "GET", "/health/live", null, 10_000);
            latencies[i] = (System.nanoTime() - start) / 1e6;
            if (answer.status() != 200) {
                throw new IllegalStateException("health answered " + answer);
            }
            next += PROBE_INTERVAL_NANOS;
            LockSupport.parkNanos(next - System.nanoTime());
        }
        return latencies;
    }

    private static Map<String, Object> summary(double[] latencies, double serverBusyPercent) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("p50_ms", Stats.percentile(latencies, 50));
        s.put("p99_ms", Stats.percentile(latencies, 99));
        s.put("max_ms", Stats.percentile(latencies, 100));
        if (!Double.isNaN(serverBusyPercent)) {
            s.put("server_cpu_percent_of_all_cores", serverBusyPercent);
        }
        return s;
    }
}
