package io.loadharness.core.params;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The parameters one operation takes, and how to build its spec record from raw input.
 *
 * <p>Every front end parses through a set, so the names, ranges, defaults and error messages are the
 * same everywhere:
 * <pre>{@code
 * BurnSpec spec = BurnSpec.PARAMS.fromText(Map.of("duration_ms", "250"));   // complexity defaults to 5
 * BurnSpec.PARAMS.fromValues(Map.of("complexity", 11L));                     // throws: complexity must be between 1 and 10
 * }</pre>
 *
 * @param <T>     the spec record built from the values
 * @param name    a short name of the operation, e.g. {@code cpu_burn}
 * @param params  the parameters, in display order
 * @param factory builds the spec from checked values
 */
public record ParamSet<T>(String name, List<ParamSpec> params, Function<ParamValues, T> factory) {

    /** Longest text value shown back in an error message. */
    private static final int MAX_ECHO = 40;

    /**
     * @throws NullPointerException if any argument is null
     */
    public ParamSet {
        Objects.requireNonNull(name, "name");
        params = List.copyOf(params);
        Objects.requireNonNull(factory, "factory");
    }

    /**
     * @return the spec built from every default
     */
    public T defaults() {
        return factory.apply(new ParamValues(Map.of()));
    }

    /**
     * Builds the spec from integer values; omitted names take their defaults.
     *
     * @param values values by wire name
     * @return the checked spec
     * @throws UnknownParameterException if a name is not one of {@link #params()}
     * @throws InvalidParameterException if a value is out of range
     */
    public T fromValues(Map<String, Long> values) {
        for (String key : values.keySet()) {
            spec(key);
        }
        return factory.apply(new ParamValues(values));
    }

    /**
     * Builds the spec from text values such as form fields or query parameters; omitted names take
     * their defaults. Surrounding blanks are ignored; anything but a whole decimal number is rejected.
     *
     * @param text values by wire name
     * @return the checked spec
     * @throws UnknownParameterException if a name is not one of {@link #params()}
     * @throws InvalidParameterException if a value is blank, not a whole number, or out of range
     */
    public T fromText(Map<String, String> text) {
        Map<String, Long> values = new HashMap<>();
        text.forEach((key, raw) -> {
            ParamSpec spec = spec(key);
            values.put(key, parse(spec, raw));
        });
        return factory.apply(new ParamValues(values));
    }

    /**
     * @param name a wire name
     * @return the parameter of that name
     * @throws UnknownParameterException if this set has no such parameter
     */
    public ParamSpec spec(String name) {
        for (ParamSpec spec : params) {
            if (spec.name().equals(name)) {
                return spec;
            }
        }
        throw new UnknownParameterException(shorten(name), params.stream().map(ParamSpec::name).toList());
    }

    private static long parse(ParamSpec spec, String raw) {
        String trimmed = raw == null ? "" : raw.strip();
        try {
            return Long.parseLong(trimmed);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(spec, shorten(trimmed));
        }
    }

    private static String shorten(String value) {
        return value.length() <= MAX_ECHO ? value : value.substring(0, MAX_ECHO) + "...";
    }
}
