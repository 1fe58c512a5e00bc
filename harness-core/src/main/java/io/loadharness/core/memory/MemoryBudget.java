package io.loadharness.core.memory;

import io.loadharness.core.LimitExceededException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling on memory that holds and memory jobs keep resident at once. A reservation is taken
 * before any memory is allocated, so concurrent requests can never overshoot the budget together.
 */
public final class MemoryBudget {

    private static final long MB = 1L << 20;

    private final long limitBytes;
    private final AtomicLong heldBytes = new AtomicLong();

    /**
     * @param limitBytes the ceiling in bytes, at least 1
     */
    public MemoryBudget(long limitBytes) {
        if (limitBytes < 1) {
            throw new IllegalArgumentException("limitBytes must be at least 1, was " + limitBytes);
        }
        this.limitBytes = limitBytes;
    }

    /**
     * Reserves {@code bytes} of the budget.
     *
     * @param bytes the size about to be allocated
     * @return the reservation; close it when the memory has been released
     * @throws LimitExceededException if the reservation would exceed the budget; the message names the
     *                                request, what is held and the limit
     */
    public Reservation reserve(long bytes) {
        long held;
        do {
            held = heldBytes.get();
            if (held + bytes > limitBytes) {
                throw new LimitExceededException(LimitExceededException.Limit.MEMORY_BUDGET,
                        "memory budget exceeded: requested " + bytes / MB + " MB, held " + held / MB
                                + " MB, limit " + limitBytes / MB + " MB");
            }
        } while (!heldBytes.compareAndSet(held, held + bytes));
        return new Reservation(bytes);
    }

    /**
     * @return bytes reserved now
     */
    public long heldBytes() {
        return heldBytes.get();
    }

    /**
     * @return the ceiling in bytes
     */
    public long limitBytes() {
        return limitBytes;
    }

    /** A part of the budget, returned once by {@link #close()}. */
    public final class Reservation implements AutoCloseable {
        private final long bytes;
        private boolean closed;

        private Reservation(long bytes) {
            this.bytes = bytes;
        }

        /** Returns the bytes to the budget; later calls do nothing. */
        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                heldBytes.addAndGet(-bytes);
            }
        }
    }
}
