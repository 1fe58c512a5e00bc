package io.loadharness.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Writes the figures of a reliability test to {@code target/reliability/<name>.txt}, one
 * {@code key: value} line each, so that {@code docs/reliability.md} is written from a real run.
 */
final class Figures {

    private final Path file;

    private Figures(Path file) {
        this.file = file;
    }

    static Figures start(String name) {
        try {
            Path dir = Path.of("target", "reliability");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".txt");
            Files.writeString(file, "# " + name + ", run " + Instant.now() + ", "
                    + Runtime.getRuntime().availableProcessors() + " cores, load average " + loadAverage() + "\n",
                    StandardCharsets.UTF_8);
            return new Figures(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Figures put(String key, Object value) {
        try {
            Files.writeString(file, key + ": " + value + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Count, p50, p99 and max of samples in milliseconds. */
    Figures latencies(String key, List<Double> millis) {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return put(key, "no samples");
        }
        return put(key, String.format(Locale.ROOT, "n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms", sorted.length,
                sorted[(int) Math.ceil(0.50 * sorted.length) - 1], sorted[(int) Math.ceil(0.99 * sorted.length) - 1],
                sorted[sorted.length - 1]));
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
