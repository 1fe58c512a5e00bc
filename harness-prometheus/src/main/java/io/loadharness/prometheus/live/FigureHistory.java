package io.loadharness.prometheus.live;

/**
 * The recent history of one figure, for a chart: a {@link Timeline} of points or {@link Unavailable}.
 */
public sealed interface FigureHistory permits Timeline, Unavailable {

    /**
     * @return which figure this is the history of
     */
    Metric metric();

    /**
     * @return true for a {@link Timeline}
     */
    boolean available();
}
