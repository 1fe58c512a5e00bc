package io.loadharness.prometheus.live;

/**
 * One figure of a snapshot: a {@link Reading} (a number with its unit) or {@link Unavailable} (a
 * classified failure with a reason for people). The dashboard shows {@link #display()} and, for a failure,
 * the reason as a tooltip.
 */
public sealed interface Figure permits Reading, Unavailable {

    /** What an unavailable figure displays. */
    String MISSING = "-";

    /**
     * @return which figure this is
     */
    Metric metric();

    /**
     * @return true for a {@link Reading}
     */
    boolean available();

    /**
     * @return the text to show: {@code "78.3 %"}, {@code "3/5"}, {@code "45.2 req/s"}, {@code "125 ms"}, or
     *         {@link #MISSING} for an unavailable figure
     */
    String display();
}
