package io.loadharness.core.params;

import java.util.Objects;

/**
 * One user-facing integer parameter: its wire name, unit, inclusive range, default and help text.
 *
 * <p>This is the single source of truth for a parameter: the core validates with it, the HTTP API
 * reports its errors and its OpenAPI document from it, and the dashboard renders its sliders from it.
 *
 * @param name         the snake_case name users know, e.g. {@code duration_ms}
 * @param unit         the unit shown beside a value, e.g. {@code ms}; empty for a plain count
 * @param min          the smallest allowed value, inclusive
 * @param max          the largest allowed value, inclusive
 * @param defaultValue the value used when the parameter is omitted; within {@code [min, max]}
 * @param label        a short human label, e.g. {@code Duration (ms)}
 * @param help         one sentence saying what the parameter does
 */
public record ParamSpec(String name, String unit, long min, long max, long defaultValue, String label, String help) {

    /**
     * Validates the spec itself.
     *
     * @throws IllegalArgumentException if the range is empty or the default lies outside it
     */
    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(help, "help");
        if (min > max) {
            throw new IllegalArgumentException(name + ": min " + min + " is greater than max " + max);
        }
        if (defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException(name + ": default " + defaultValue + " is outside " + min + "-" + max);
        }
    }

    /**
     * Checks a value against this parameter's range.
     *
     * @param value the value to check
     * @return the value, unchanged
     * @throws InvalidParameterException if the value lies outside {@code [min, max]}
     */
    public long check(long value) {
        if (value < min || value > max) {
            throw new InvalidParameterException(this, String.valueOf(value));
        }
        return value;
    }

    /**
     * Checks a value and narrows it to an {@code int}; every spec whose range fits an int uses this.
     *
     * @param value the value to check
     * @return the value as an int
     * @throws InvalidParameterException if the value lies outside {@code [min, max]}
     */
    public int checkInt(long value) {
        return Math.toIntExact(check(value));
    }

    /**
     * A copy of this spec with another upper bound, for limits that depend on the machine or on
     * configuration (e.g. cores). The default is lowered to the new maximum if it exceeds it.
     *
     * @param newMax the new inclusive maximum, at least {@code min}
     * @return the narrowed spec
     */
    public ParamSpec withMax(long newMax) {
        return new ParamSpec(name, unit, min, newMax, Math.min(defaultValue, newMax), label, help);
    }

    /**
     * The message used for every out-of-range or malformed value, e.g.
     * {@code duration_ms must be between 1 and 10000}.
     *
     * @return the message naming the field and its range
     */
    public String rangeMessage() {
        return name + " must be between " + min + " and " + max;
    }
}
