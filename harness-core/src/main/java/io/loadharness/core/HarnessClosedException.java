package io.loadharness.core;

/**
 * Thrown when work is asked of a {@link LoadHarness} after {@link LoadHarness#close()}: the harness is
 * shutting down, which a server reports as 503 rather than as a fault.
 */
public final class HarnessClosedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with the message {@code this LoadHarness is closed}. */
    public HarnessClosedException() {
        super("this LoadHarness is closed");
    }
}
