package io.loadharness.core;

import io.loadharness.core.system.SystemProbe;
import java.time.Duration;
import java.util.Objects;

/**
 * The ceilings that keep a load generator from taking down its own host. Every load is checked
 * against them before it starts; a request past one is refused with a {@link LimitExceededException}.
 *
 * <pre>{@code
 * Limits limits = Limits.builder().memoryBudgetBytes(256L << 20).maxConcurrentJobs(4).build();
 * }</pre>
 *
 * @param memoryBudgetBytes    total memory that holds and memory jobs may keep resident at once
 * @param maxConcurrentJobs    jobs (CPU and memory) running at once
 * @param maxCpuWorkers        CPU worker threads across every running job, at most the available processors
 * @param maxConcurrentFanOuts fan-outs running at once
 * @param maxFanOutRate        calls per second that all fan-outs together may start
 * @param fanOutCallTimeout    time one fan-out call may take before it counts as a timeout
 * @param fanOutDeadline       time a whole fan-out may take; calls still running then are cancelled
 * @param finishedJobHistory   finished jobs kept for display; older ones are forgotten
 */
public record Limits(long memoryBudgetBytes, int maxConcurrentJobs, int maxCpuWorkers, int maxConcurrentFanOuts,
                     int maxFanOutRate, Duration fanOutCallTimeout, Duration fanOutDeadline, int finishedJobHistory) {

    /**
     * @throws IllegalArgumentException if a value is out of its range (named in the message)
     */
    public Limits {
        int cores = Runtime.getRuntime().availableProcessors();
        requireRange("memory_budget_bytes", memoryBudgetBytes, 1L << 20, Long.MAX_VALUE);
        requireRange("max_concurrent_jobs", maxConcurrentJobs, 1, 1_000);
        requireRange("max_cpu_workers", maxCpuWorkers, 1, cores);
        requireRange("max_concurrent_fan_outs", maxConcurrentFanOuts, 1, 100);
        requireRange("max_fan_out_rate", maxFanOutRate, 1, 1_000_000);
        Objects.requireNonNull(fanOutCallTimeout, "fanOutCallTimeout");
        Objects.requireNonNull(fanOutDeadline, "fanOutDeadline");
        requireRange("fan_out_call_timeout_ms", fanOutCallTimeout.toMillis(), 1, 600_000);
        requireRange("fan_out_deadline_ms", fanOutDeadline.toMillis(), 1, 3_600_000);
        requireRange("finished_job_history", finishedJobHistory, 0, 10_000);
    }

    /**
     * @return the defaults for this machine: half the container (or physical) memory, 20 jobs, every
     *         core, 4 fan-outs, 5,000 calls/s, 10 s per call, 120 s per fan-out, 50 finished jobs
     */
    public static Limits defaults() {
        return builder().build();
    }

    /**
     * @return a builder preset with {@link #defaults()}
     */
    public static Builder builder() {
        return new Builder();
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    /** Builds {@link Limits}; unset values keep their defaults. */
    public static final class Builder {
        private long memoryBudgetBytes = SystemProbe.defaultMemoryBudgetBytes();
        private int maxConcurrentJobs = 20;
        private int maxCpuWorkers = Runtime.getRuntime().availableProcessors();
        private int maxConcurrentFanOuts = 4;
        private int maxFanOutRate = 5_000;
        private Duration fanOutCallTimeout = Duration.ofSeconds(10);
        private Duration fanOutDeadline = Duration.ofSeconds(120);
        private int finishedJobHistory = 50;

        private Builder() {
        }

        /**
         * @param bytes total resident memory holds and memory jobs may keep, at least 1 MiB
         * @return this builder
         */
        public Builder memoryBudgetBytes(long bytes) {
            this.memoryBudgetBytes = bytes;
            return this;
        }

        /**
         * @param jobs running jobs allowed at once, 1-1000
         * @return this builder
         */
        public Builder maxConcurrentJobs(int jobs) {
            this.maxConcurrentJobs = jobs;
            return this;
        }

        /**
         * @param workers CPU worker threads allowed across all jobs, 1 to the available processors
         * @return this builder
         */
        public Builder maxCpuWorkers(int workers) {
            this.maxCpuWorkers = workers;
            return this;
        }

        /**
         * @param fanOuts fan-outs allowed at once, 1-100
         * @return this builder
         */
        public Builder maxConcurrentFanOuts(int fanOuts) {
            this.maxConcurrentFanOuts = fanOuts;
            return this;
        }

        /**
         * @param callsPerSecond calls per second all fan-outs together may start, 1-1,000,000
         * @return this builder
         */
        public Builder maxFanOutRate(int callsPerSecond) {
            this.maxFanOutRate = callsPerSecond;
            return this;
        }

        /**
         * @param timeout time one fan-out call may take, 1 ms to 10 min
         * @return this builder
         */
        public Builder fanOutCallTimeout(Duration timeout) {
            this.fanOutCallTimeout = timeout;
            return this;
        }

        /**
         * @param deadline time a whole fan-out may take, 1 ms to 1 h
         * @return this builder
         */
        public Builder fanOutDeadline(Duration deadline) {
            this.fanOutDeadline = deadline;
            return this;
        }

        /**
         * @param jobs finished jobs kept for display, 0-10,000
         * @return this builder
         */
        public Builder finishedJobHistory(int jobs) {
            this.finishedJobHistory = jobs;
            return this;
        }

        /**
         * @return the limits
         * @throws IllegalArgumentException if a value is out of range (named in the message)
         */
        public Limits build() {
            return new Limits(memoryBudgetBytes, maxConcurrentJobs, maxCpuWorkers, maxConcurrentFanOuts,
                    maxFanOutRate, fanOutCallTimeout, fanOutDeadline, finishedJobHistory);
        }
    }
}
