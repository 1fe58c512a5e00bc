package io.loadharness.prometheus.live;

import io.loadharness.prometheus.Point;
import java.util.List;
import java.util.Objects;

/**
 * A figure's values over time, oldest first, in {@link Metric#unit()}. Gaps (no data, NaN) are left out,
 * so consecutive points may be more than one step apart.
 *
 * @param metric which figure
 * @param points the values, oldest first, all finite; unmodifiable, possibly empty
 */
public record Timeline(Metric metric, List<Point> points) implements FigureHistory {

    /**
     * @throws NullPointerException if an argument is null
     */
    public Timeline {
        Objects.requireNonNull(metric, "metric");
        points = List.copyOf(points);
    }

    /**
     * @return the unit of the values
     */
    public Unit unit() {
        return metric.unit();
    }

    @Override
    public boolean available() {
        return true;
    }
}
