package io.loadharness.core;

/**
 * Thrown when a request would push a load past one of the configured {@link Limits}. Nothing already
 * running is disturbed by the refusal.
 *
 * <p>The message names the request, what is in use and the limit, e.g. {@code memory budget exceeded:
 * requested 500 MB, held 300 MB, limit 512 MB}, and is safe to show to a user.
 */
public final class LimitExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Which ceiling was hit. */
    public enum Limit {
        /** Total memory held by holds and memory jobs. */
        MEMORY_BUDGET,
        /** Jobs running at once. */
        CONCURRENT_JOBS,
        /** CPU worker threads across all running jobs. */
        CPU_WORKERS,
        /** Fan-outs running at once. */
        CONCURRENT_FAN_OUTS,
        /** Fan-out calls started per second across all fan-outs. */
        FAN_OUT_RATE
    }

    private final Limit limit;

    /**
     * @param limit   the ceiling that was hit
     * @param message what was requested, what is in use and the limit
     */
    public LimitExceededException(Limit limit, String message) {
        super(message, null, false, false);
        this.limit = limit;
    }

    /**
     * @return the ceiling that was hit
     */
    public Limit limit() {
        return limit;
    }
}
