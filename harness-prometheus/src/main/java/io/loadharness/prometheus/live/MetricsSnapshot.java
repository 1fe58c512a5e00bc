package io.loadharness.prometheus.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The five live figures at one moment, each a value or a classified failure.
 *
 * @param source  where the figures came from: Prometheus, or this process alone
 * @param takenAt when the figures were read (the start of the queries)
 * @param latency how long reading them took; for Prometheus the slowest of the concurrent queries
 * @param figures one figure per {@link Metric}, in {@link Metric} order; unmodifiable
 * @param note    why the source is {@link Source#LOCAL}, e.g. {@code "Prometheus unreachable: Connection
 *                refused (http://localhost:9090)"}; empty for {@link Source#PROMETHEUS}
 */
public record MetricsSnapshot(Source source, Instant takenAt, Duration latency, Map<Metric, Figure> figures,
                              Optional<String> note) {

    /**
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if a metric has no figure or a figure is filed under another metric
     */
    public MetricsSnapshot {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(note, "note");
        EnumMap<Metric, Figure> copy = new EnumMap<>(Metric.class);
        copy.putAll(figures);
        for (Metric metric : Metric.values()) {
            Figure figure = copy.get(metric);
            if (figure == null || figure.metric() != metric) {
                throw new IllegalArgumentException("figures must hold one figure per metric; " + metric + " has "
                        + (figure == null ? "none" : "the figure of " + figure.metric()));
            }
        }
        figures = Collections.unmodifiableMap(copy);
    }

    /**
     * @param metric which figure
     * @return that figure
     */
    public Figure figure(Metric metric) {
        return figures.get(metric);
    }

    /**
     * @return all five figures in {@link Metric} order
     */
    public List<Figure> all() {
        return List.copyOf(figures.values());
    }

    /**
     * @return CPU usage in percent
     */
    public Figure cpu() {
        return figures.get(Metric.CPU);
    }

    /**
     * @return memory usage in percent
     */
    public Figure memory() {
        return figures.get(Metric.MEMORY);
    }

    /**
     * @return pods running, with the maximum where known (display {@code "3/5"})
     */
    public Figure pods() {
        return figures.get(Metric.PODS);
    }

    /**
     * @return requests per second
     */
    public Figure requestRate() {
        return figures.get(Metric.REQUEST_RATE);
    }

    /**
     * @return mean response time in milliseconds
     */
    public Figure responseTime() {
        return figures.get(Metric.RESPONSE_TIME);
    }
}
