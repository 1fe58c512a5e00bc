package io.loadharness.prometheus;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One element of an instant vector: a labelled value at one instant.
 *
 * @param labels    the series labels, including {@code __name__} when the query kept it; unmodifiable
 * @param timestamp the evaluation time
 * @param value     the value; may be {@code NaN} or infinite
 */
public record Sample(Map<String, String> labels, Instant timestamp, double value) {

    /**
     * @throws NullPointerException if labels or timestamp is null
     */
    public Sample {
        labels = Map.copyOf(labels);
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
