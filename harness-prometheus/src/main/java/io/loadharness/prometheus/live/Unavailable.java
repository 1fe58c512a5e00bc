package io.loadharness.prometheus.live;

import java.util.Objects;

/**
 * A figure, or a figure's history, that could not be had.
 *
 * @param metric which figure
 * @param kind   the class of failure
 * @param reason one line for people, e.g. {@code "Prometheus error bad_data: parse error at char 5"}
 */
public record Unavailable(Metric metric, FailureKind kind, String reason) implements Figure, FigureHistory {

    /**
     * @throws NullPointerException if an argument is null
     */
    public Unavailable {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public boolean available() {
        return false;
    }

    /**
     * @return {@link Figure#MISSING}
     */
    @Override
    public String display() {
        return MISSING;
    }
}
