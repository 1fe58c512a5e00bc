package io.loadharness.prometheus.live;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A figure with a value.
 *
 * @param metric which figure
 * @param value  the value in {@link Metric#unit()}: finite, never NaN
 * @param max    the most it can be, where that is known: for {@link Metric#PODS} the HPA's maximum replicas
 *               (or the deployment's desired replicas), locally the number of scrape targets; empty otherwise
 */
public record Reading(Metric metric, double value, OptionalDouble max) implements Figure {

    /**
     * @throws NullPointerException     if metric or max is null
     * @throws IllegalArgumentException if value is not finite
     */
    public Reading {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(max, "max");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, was " + value);
        }
    }

    /**
     * @param metric which figure
     * @param value  the value in the metric's unit, finite
     * @return a reading without a maximum
     */
    public static Reading of(Metric metric, double value) {
        return new Reading(metric, value, OptionalDouble.empty());
    }

    /**
     * @return the unit of {@link #value()}
     */
    public Unit unit() {
        return metric.unit();
    }

    @Override
    public boolean available() {
        return true;
    }

    /**
     * @return {@code "3/5"} for pods with a maximum, else the value and unit symbol, e.g. {@code "78.3 %"}
     */
    @Override
    public String display() {
        Unit unit = unit();
        if (unit == Unit.PODS) {
            return unit.format(value) + (max.isPresent() ? "/" + unit.format(max.getAsDouble()) : "");
        }
        return unit.format(value) + " " + unit.symbol();
    }
}
