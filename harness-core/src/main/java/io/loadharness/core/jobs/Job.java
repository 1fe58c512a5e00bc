package io.loadharness.core.jobs;

import java.time.Duration;
import java.time.Instant;

/** What every running job shares: its id, its clock and how it ends. */
abstract sealed class Job permits CpuJob, MemoryJob {

    /** How long {@link #stop()} waits for the job's threads to finish. */
    static final Duration STOP_WAIT = Duration.ofSeconds(2);

    final String id;
    final Instant startedAt;
    final Instant endsAt;
    private final long startNanos;
    private final long durationNanos;
    volatile boolean stopRequested;
    volatile Instant endedAt;
    volatile String failure;

    Job(String id, Duration duration) {
        this.id = id;
        this.startNanos = System.nanoTime();
        this.durationNanos = duration.toNanos();
        this.startedAt = Instant.now();
        this.endsAt = startedAt.plus(duration);
    }

    abstract JobType type();

    abstract JobSnapshot snapshot();

    /** Asks the job to stop and waits (briefly) until its load is gone. */
    abstract void stop();

    abstract boolean isRunning();

    /** @return CPU worker threads this job occupies while running */
    abstract int cpuWorkers();

    final JobStatus status() {
        if (isRunning()) {
            return JobStatus.RUNNING;
        }
        if (failure != null) {
            return JobStatus.FAILED;
        }
        return stopRequested ? JobStatus.STOPPED : JobStatus.COMPLETED;
    }

    final double remainingSeconds() {
        if (!isRunning()) {
            return 0;
        }
        return Math.max(0, durationNanos - (System.nanoTime() - startNanos)) / 1e9;
    }

    final double progress() {
        if (!isRunning()) {
            return status() == JobStatus.COMPLETED ? 1.0 : elapsedFraction(endedAt);
        }
        return Math.clamp((double) (System.nanoTime() - startNanos) / durationNanos, 0.0, 1.0);
    }

    private double elapsedFraction(Instant end) {
        if (end == null) {
            return 0;
        }
        return Math.clamp((double) Duration.between(startedAt, end).toNanos() / durationNanos, 0.0, 1.0);
    }

    final void ended() {
        if (endedAt == null) {
            endedAt = Instant.now();
        }
    }
}
