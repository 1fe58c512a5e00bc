package io.loadharness.core.params;

import java.util.Map;

/**
 * Raw integer values by parameter name, as parsed from a request, before the operation's spec record
 * is built from them. Missing values fall back to their spec's default.
 */
public final class ParamValues {

    private final Map<String, Long> values;

    ParamValues(Map<String, Long> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * @param spec a parameter
     * @return whether the caller gave a value for it
     */
    public boolean has(ParamSpec spec) {
        return values.containsKey(spec.name());
    }

    /**
     * The given value, or the spec's default when omitted, checked against the range.
     *
     * @param spec a parameter
     * @return the value as an int
     * @throws InvalidParameterException if the given value is out of range
     */
    public int get(ParamSpec spec) {
        Long value = values.get(spec.name());
        return spec.checkInt(value == null ? spec.defaultValue() : value);
    }
}
