package io.loadharness.core.jobs;

import io.loadharness.core.memory.MemoryBudget;
import io.loadharness.core.memory.ResidentMemory;
import io.loadharness.core.params.MemoryJobSpec;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A background memory job: a resident block held by a virtual thread until the deadline or a stop. */
final class MemoryJob extends Job {

    private static final System.Logger LOG = System.getLogger(MemoryJob.class.getName());

    private final MemoryJobSpec spec;
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile long heldBytes;
    private volatile double allocationMs;

    MemoryJob(String id, MemoryJobSpec spec) {
        super(id, Duration.ofSeconds(spec.durationSeconds()));
        this.spec = spec;
    }

    /**
     * Reserves and allocates on the calling thread, so a refusal or an allocation failure reaches the
     * caller, then hands the block to a virtual thread that releases it at the deadline.
     */
    void start(MemoryBudget budget) {
        long bytes = (long) spec.sizeMb() << 20;
        MemoryBudget.Reservation reservation = budget.reserve(bytes);
        ResidentMemory block;
        try {
            block = ResidentMemory.allocate(bytes);
        } catch (RuntimeException | Error e) {
            reservation.close();
            throw e;
        }
        heldBytes = bytes;
        allocationMs = block.allocationMs();
        Thread.ofVirtual().name("loadharness-" + id + "-memory").start(() -> hold(block, reservation));
    }

    private void hold(ResidentMemory block, MemoryBudget.Reservation reservation) {
        try (reservation; block) {
            release.await(spec.durationSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            LOG.log(System.Logger.Level.DEBUG, "memory job " + id + " interrupted; releasing");
        } catch (RuntimeException e) {
            failure = "release failed: " + e;
            LOG.log(System.Logger.Level.ERROR, "memory job " + id + " failed", e);
        } finally {
            heldBytes = 0;
            ended();
            released.countDown();
        }
    }

    @Override
    JobType type() {
        return JobType.MEMORY;
    }

    @Override
    JobSnapshot snapshot() {
        return new MemoryJobSnapshot(id, status(), spec, startedAt, endsAt, endedAt, remainingSeconds(), progress(),
                heldBytes, allocationMs, failure);
    }

    @Override
    void stop() {
        if (!isRunning()) {
            return;
        }
        stopRequested = true;
        release.countDown();
        try {
            released.await(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    boolean isRunning() {
        return released.getCount() > 0;
    }

    @Override
    int cpuWorkers() {
        return 0;
    }
}
