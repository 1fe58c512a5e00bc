package io.loadharness.core.params;

/**
 * Thrown when a parameter value is missing its range or is not a whole number.
 *
 * <p>The message always names the field and its range, e.g. {@code duration_ms must be between 1 and
 * 10000}, and is safe to show to a user as it is.
 */
public final class InvalidParameterException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient ParamSpec spec;
    private final String rejectedValue;

    /**
     * Creates the exception for a value outside the spec's range or not a whole number.
     *
     * @param spec          the parameter that was violated
     * @param rejectedValue the offending value as the caller gave it (may be shortened for display)
     */
    public InvalidParameterException(ParamSpec spec, String rejectedValue) {
        super(spec.rangeMessage());
        this.spec = spec;
        this.rejectedValue = rejectedValue;
    }

    /**
     * @return the violated parameter
     */
    public ParamSpec spec() {
        return spec;
    }

    /**
     * @return the wire name of the violated parameter, e.g. {@code duration_ms}
     */
    public String field() {
        return spec.name();
    }

    /**
     * @return the value that was rejected, as text
     */
    public String rejectedValue() {
        return rejectedValue;
    }
}
