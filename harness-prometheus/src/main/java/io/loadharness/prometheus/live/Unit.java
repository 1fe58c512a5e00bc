package io.loadharness.prometheus.live;

import java.util.Locale;

/**
 * The unit of a live figure, with the symbol the dashboard shows after the number.
 */
public enum Unit {
    /** Percent, 0-100 of a reference (a limit, the machine's cores or memory); may exceed 100. */
    PERCENT("%"),
    /** A count of pods or harness instances. */
    PODS("pods"),
    /** Requests per second. */
    REQUESTS_PER_SECOND("req/s"),
    /** Milliseconds. */
    MILLISECONDS("ms");

    private final String symbol;

    Unit(String symbol) {
        this.symbol = symbol;
    }

    /**
     * @return the symbol, e.g. {@code %} or {@code req/s}
     */
    public String symbol() {
        return symbol;
    }

    /**
     * Formats a value for display: whole pods; one decimal below 100 for the other units, none above.
     *
     * @param value the value in this unit
     * @return e.g. {@code "78.3"}, {@code "3"}, {@code "125"}
     */
    public String format(double value) {
        if (this == PODS || Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
