package io.loadharness.prometheus.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The five figures over a recent window, one series per figure, for the dashboard's charts.
 *
 * @param source where the points came from; {@link Source#LOCAL} histories only hold the samples this process
 *               took since Prometheus became unreachable (one per snapshot)
 * @param start  the start of the window
 * @param end    the end of the window
 * @param step   the resolution asked of Prometheus; for {@link Source#LOCAL}, the spacing of snapshots
 * @param series one history per {@link Metric}, in {@link Metric} order; unmodifiable
 * @param note   why the source is {@link Source#LOCAL}; empty for {@link Source#PROMETHEUS}
 */
public record MetricsHistory(Source source, Instant start, Instant end, Duration step,
                             Map<Metric, FigureHistory> series, Optional<String> note) {

    /**
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if a metric has no history or a history is filed under another metric
     */
    public MetricsHistory {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(note, "note");
        EnumMap<Metric, FigureHistory> copy = new EnumMap<>(Metric.class);
        copy.putAll(series);
        for (Metric metric : Metric.values()) {
            FigureHistory history = copy.get(metric);
            if (history == null || history.metric() != metric) {
                throw new IllegalArgumentException("series must hold one history per metric; " + metric + " has "
                        + (history == null ? "none" : "the history of " + history.metric()));
            }
        }
        series = Collections.unmodifiableMap(copy);
    }

    /**
     * @param metric which figure
     * @return its history
     */
    public FigureHistory of(Metric metric) {
        return series.get(metric);
    }
}
