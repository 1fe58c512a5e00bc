package io.loadharness.core.fanout;

import java.util.Objects;

/**
 * What a {@link Transport} reports for one call.
 *
 * @param outcome    how the call ended
 * @param statusCode the HTTP status, or 0 where there was none
 * @param pod        the pod that served the call, or null when unknown
 * @param detail     a short reason for a failure, or null
 */
public record CallResult(CallOutcome outcome, int statusCode, String pod, String detail) {

    /**
     * @throws NullPointerException if outcome is null
     */
    public CallResult {
        Objects.requireNonNull(outcome, "outcome");
    }

    /**
     * @param pod the pod that served the call
     * @return a success
     */
    public static CallResult ok(String pod) {
        return new CallResult(CallOutcome.OK, 200, pod, null);
    }

    /**
     * @param statusCode the non-success status
     * @param pod        the pod that answered, or null
     * @return an HTTP failure
     */
    public static CallResult status(int statusCode, String pod) {
        return new CallResult(CallOutcome.HTTP_STATUS, statusCode, pod, "HTTP " + statusCode);
    }

    /**
     * @return a timeout
     */
    public static CallResult timeout() {
        return new CallResult(CallOutcome.TIMEOUT, 0, null, "timed out");
    }

    /**
     * @param detail why the connection failed
     * @return a connection failure
     */
    public static CallResult connectionError(String detail) {
        return new CallResult(CallOutcome.CONNECTION_ERROR, 0, null, detail);
    }

    /**
     * @param detail what went wrong
     * @return another failure
     */
    public static CallResult error(String detail) {
        return new CallResult(CallOutcome.ERROR, 0, null, detail);
    }
}
