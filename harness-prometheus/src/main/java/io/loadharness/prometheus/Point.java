package io.loadharness.prometheus;

import java.time.Instant;
import java.util.Objects;

/**
 * One value at one instant, as Prometheus returns them in matrices and scalars.
 *
 * @param timestamp when the value was evaluated or scraped, to the millisecond
 * @param value     the value; may be {@code NaN} or infinite, as Prometheus allows
 */
public record Point(Instant timestamp, double value) {

    /**
     * @throws NullPointerException if timestamp is null
     */
    public Point {
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
