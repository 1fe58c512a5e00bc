package io.loadharness.core.fanout;

/**
 * One finished call as the engine recorded it.
 *
 * @param outcome      how it ended
 * @param statusCode   the HTTP status, or 0
 * @param pod          the pod that served it, or null
 * @param latencyNanos time from sending to the end of the call, in nanoseconds
 * @param endNanos     {@link System#nanoTime()} when the call ended
 */
public record CallSample(CallOutcome outcome, int statusCode, String pod, long latencyNanos, long endNanos) {
}
