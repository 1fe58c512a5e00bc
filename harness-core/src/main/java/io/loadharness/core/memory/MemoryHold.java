package io.loadharness.core.memory;

import io.loadharness.core.params.MemoryHoldSpec;
import io.loadharness.core.system.SystemProbe;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One memory hold: reserve the budget, allocate and touch, hold for the spec's duration (or until
 * {@link #release()}), release, and report RSS before, at peak and after.
 *
 * <pre>{@code
 * MemoryReport report = new MemoryHold(new MemoryHoldSpec(100, 2000), budget).run();
 * }</pre>
 */
public final class MemoryHold {

    private final MemoryHoldSpec spec;
    private final MemoryBudget budget;
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch freed = new CountDownLatch(1);

    /**
     * @param spec   size and hold time
     * @param budget the budget to reserve from
     */
    public MemoryHold(MemoryHoldSpec spec, MemoryBudget budget) {
        this.spec = spec;
        this.budget = budget;
    }

    /**
     * Runs the hold on the calling thread; returns after the memory has been released.
     *
     * @return the measurements
     * @throws io.loadharness.core.LimitExceededException if the budget cannot take the size
     * @throws InterruptedException                       if the thread is interrupted while holding;
     *                                                    the memory is released first
     */
    public MemoryReport run() throws InterruptedException {
        try {
            return hold();
        } finally {
            freed.countDown();
        }
    }

    private MemoryReport hold() throws InterruptedException {
        long bytes = (long) spec.sizeMb() << 20;
        try (MemoryBudget.Reservation ignored = budget.reserve(bytes)) {
            OptionalLong before = SystemProbe.rssBytes();
            double allocationMs;
            OptionalLong peak;
            long heldFrom;
            long heldUntil;
            try (ResidentMemory block = ResidentMemory.allocate(bytes)) {
                allocationMs = block.allocationMs();
                peak = SystemProbe.rssBytes();
                heldFrom = System.nanoTime();
                released.await(spec.durationMs(), TimeUnit.MILLISECONDS);
                heldUntil = System.nanoTime();
            }
            return new MemoryReport(spec.sizeMb(), (heldUntil - heldFrom) / 1e6, allocationMs, before, peak,
                    SystemProbe.rssBytes());
        }
    }

    /**
     * Ends the hold early: {@link #run()} releases the memory and returns now.
     */
    public void release() {
        released.countDown();
    }

    /**
     * Waits until {@link #run()} has freed the memory and returned its part of the budget (or was refused).
     *
     * @param timeout how long to wait at most
     * @return whether the memory is free; false if the time ran out or {@link #run()} never started
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitFreed(java.time.Duration timeout) throws InterruptedException {
        return freed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
