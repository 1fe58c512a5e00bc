package io.loadharness.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the figures of a reliability test to {@code target/reliability/<name>.txt}, one
 * {@code key: value} line each, so that {@code docs/reliability.md} is written from a real run.
 */
final class ReliabilityReport {

    private static final Path DIR = Path.of("target", "reliability");

    private final Path file;

    private ReliabilityReport(Path file) {
        this.file = file;
    }

    /** Starts a fresh report for a test, replacing the previous run's. */
    static ReliabilityReport start(String name) {
        try {
            Files.createDirectories(DIR);
            Path file = DIR.resolve(name + ".txt");
            Files.writeString(file, "# " + name + ", run " + Instant.now() + ", "
                    + Runtime.getRuntime().availableProcessors() + " cores, load average " + loadAverage() + "\n",
                    StandardCharsets.UTF_8);
            return new ReliabilityReport(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends one figure. */
    ReliabilityReport put(String key, Object value) {
        try {
            Files.writeString(file, key + ": " + value + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends latency figures of a series of samples in milliseconds: count, p50, p99, max. */
    ReliabilityReport latencies(String key, List<Double> millis) {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return put(key, String.format(java.util.Locale.ROOT, "n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms", sorted.length,
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.length == 0 ? 0.0 : sorted[sorted.length - 1]));
    }

    private static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0.0;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.clamp(index, 0, sorted.length - 1)];
    }

    /** For a quick look in a debugger or a failing assertion. */
    @Override
    public String toString() {
        try {
            return String.join("\n", Files.readAllLines(file));
        } catch (IOException e) {
            return Arrays.toString(e.getStackTrace());
        }
    }

    /** The 1-, 5- and 15-minute load averages: the machine is shared, and the figures depend on it. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
