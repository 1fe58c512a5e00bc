package io.loadharness.benchmarks.compare;

import io.loadharness.benchmarks.Json;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the side-by-side comparisons of LoadHarness against its peers on this machine, one after the
 * other, and writes each one's figures to {@code OUT/NAME.json}, with {@code machine.json} beside
 * them. Started by {@code benchmarks/compare.sh}, which checks the peers and compiles the C program.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.loadharness.benchmarks.compare.Compare \
 *     --out benchmarks/target/compare --touch benchmarks/target/compare/touch [--server-jar J] [--quick] [cpu memory fanout server]
 * </pre>
 */
public final class Compare {

    private static final System.Logger LOG = System.getLogger(Compare.class.getName());
    private static final List<String> ALL = List.of("cpu", "memory", "fanout", "server");

    private Compare() {
    }

    /**
     * @param args options and the comparisons to run (all when none is named)
     * @throws Exception if a comparison cannot run
     */
    public static void main(String[] args) throws Exception {
        File out = new File("benchmarks/target/compare");
        boolean quick = false;
        String touch = null;
        String serverJar = null;
        List<String> which = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = new File(args[++i]);
                case "--quick" -> quick = true;
                case "--touch" -> touch = args[++i];
                case "--server-jar" -> serverJar = args[++i];
                default -> {
                    if (!ALL.contains(args[i])) {
                        throw new IllegalArgumentException("unknown argument " + args[i] + "; comparisons are " + ALL);
                    }
                    which.add(args[i]);
                }
            }
        }
        if (which.isEmpty()) {
            which.addAll(ALL);
        }
        Files.createDirectories(out.toPath());
        String java = ProcessHandle.current().info().command().orElse("java");
        Settings settings = new Settings(out, quick, java, System.getProperty("java.class.path"), touch, serverJar);
        write(settings.file("machine.json"), machine(settings));
        boolean failed = false;
        for (String name : which) {
            long start = System.nanoTime();
            System.out.println("== " + name + (quick ? " (quick)" : ""));
            Map<String, Object> result;
            try {
                result = switch (name) {
                    case "cpu" -> CpuAccuracy.run(settings);
                    case "memory" -> MemoryComparison.run(settings);
                    case "fanout" -> FanOutComparison.run(settings);
                    case "server" -> ServerComparison.run(settings);
                    default -> throw new IllegalStateException(name);
                };
            } catch (Exception | Error e) {
                // One comparison that cannot run must not cost the others; the report names the failure.
                LOG.log(System.Logger.Level.ERROR, "comparison " + name + " failed", e);
                failed = true;
                result = new LinkedHashMap<>();
                result.put("error", e.toString());
            }
            result.put("quick", quick);
            result.put("seconds", (System.nanoTime() - start) / 1e9);
            write(settings.file(name + ".json"), result);
            System.out.printf("== %s done in %.0f s%n", name, (System.nanoTime() - start) / 1e9);
        }
        if (failed) {
            System.exit(1);
        }
    }

    static void write(File file, Map<String, Object> value) throws IOException {
        Files.writeString(file.toPath(), Json.write(value));
    }

    /** The machine as the comparisons saw it, read at the start of the run. */
    private static Map<String, Object> machine(Settings settings) throws IOException, InterruptedException {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("measured_at", Instant.now().toString());
        machine.put("quick", settings.quick());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("cpu_model", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        machine.put("memory_total_kib", firstValue(Path.of("/proc/meminfo"), "MemTotal").replace("kB", "").trim());
        machine.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        machine.put("load_average_1m", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        long[] before = Proc.machineCpu();
        long wall0 = System.nanoTime();
        Thread.sleep(2_000);
        long[] after = Proc.machineCpu();
        machine.put("busy_cores_at_start", (double) (after[0] - before[0]) / (System.nanoTime() - wall0));
        machine.put("server", settings.serverDescription());
        machine.put("thp", readOr(Path.of("/sys/kernel/mm/transparent_hugepage/enabled")));
        return machine;
    }

    private static String firstValue(Path file, String key) throws IOException {
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith(key)) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown";
    }

    private static String readOr(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
