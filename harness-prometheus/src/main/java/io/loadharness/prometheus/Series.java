package io.loadharness.prometheus;

import java.util.List;
import java.util.Map;

/**
 * One element of a range matrix: a labelled series of points in time order.
 *
 * @param labels the series labels; unmodifiable
 * @param points the values, oldest first; unmodifiable, possibly empty
 */
public record Series(Map<String, String> labels, List<Point> points) {

    /**
     * @throws NullPointerException if labels or points is null
     */
    public Series {
        labels = Map.copyOf(labels);
        points = List.copyOf(points);
    }
}
