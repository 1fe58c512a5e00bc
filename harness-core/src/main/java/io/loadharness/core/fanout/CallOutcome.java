package io.loadharness.core.fanout;

import java.util.Locale;

/** How one fan-out call ended. */
public enum CallOutcome {
    /** The target did the work and answered with success. */
    OK,
    /** The target answered with a non-success HTTP status. */
    HTTP_STATUS,
    /** No answer within the per-call timeout. */
    TIMEOUT,
    /** The target could not be reached or the connection broke. */
    CONNECTION_ERROR,
    /** The fan-out was cancelled or hit its deadline while the call was in flight. */
    CANCELLED,
    /** Anything else, e.g. an unreadable answer. */
    ERROR;

    /**
     * @return the lower-case wire name, e.g. {@code connection_error}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
