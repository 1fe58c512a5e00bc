package io.loadharness.core.params;

import java.util.List;

/**
 * Thrown when a request names a parameter that the operation does not take.
 *
 * <p>The message names the field and lists the accepted ones, e.g.
 * {@code unknown field 'duraton_ms'; allowed: duration_ms, complexity}.
 */
public final class UnknownParameterException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field   the unknown name as given
     * @param allowed the names the operation accepts
     */
    public UnknownParameterException(String field, List<String> allowed) {
        super("unknown field '" + field + "'; allowed: " + String.join(", ", allowed));
        this.field = field;
    }

    /**
     * @return the unknown name as given
     */
    public String field() {
        return field;
    }
}
