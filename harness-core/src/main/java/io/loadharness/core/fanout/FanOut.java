package io.loadharness.core.fanout;

import io.loadharness.core.HarnessClosedException;
import io.loadharness.core.LimitExceededException;
import io.loadharness.core.LimitExceededException.Limit;
import io.loadharness.core.params.FanOutSpec;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The fan-out engine: runs a {@link FanOutSpec}'s calls through a {@link Transport} on virtual threads,
 * with a per-call timeout, a whole-run deadline, a shared rate ceiling and a cap on runs at once.
 *
 * <pre>{@code
 * FanOut engine = FanOut.builder().callTimeout(Duration.ofSeconds(5)).build();
 * FanOutRun run = engine.start(new FanOutSpec(10, 500_000, 100), transport);
 * run.progress();                // live: done of total, current req/s
 * FanOutResult result = run.await();
 * }</pre>
 */
public final class FanOut implements AutoCloseable {

    private final Duration callTimeout;
    private final Duration deadline;
    private final int maxConcurrentRuns;
    private final long minIntervalNanos;
    private final AtomicLong nextSlot = new AtomicLong(System.nanoTime());
    private final Set<FanOutRun> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private FanOut(Builder builder) {
        this.callTimeout = builder.callTimeout;
        this.deadline = builder.deadline;
        this.maxConcurrentRuns = builder.maxConcurrentRuns;
        this.minIntervalNanos = 1_000_000_000L / builder.maxRate;
    }

    /**
     * @return a builder with a 10 s call timeout, a 120 s deadline, 4 runs at once and 20,000 calls/s
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a fan-out in the background.
     *
     * @param spec      concurrency, iterations and requests
     * @param transport how each call reaches the target
     * @return the running fan-out
     * @throws LimitExceededException if the cap on runs at once is reached
     * @throws io.loadharness.core.HarnessClosedException if the engine is closed
     */
    public FanOutRun start(FanOutSpec spec, Transport transport) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(transport, "transport");
        synchronized (running) {
            if (closed) {
                throw new HarnessClosedException();
            }
            if (running.size() >= maxConcurrentRuns) {
                throw new LimitExceededException(Limit.CONCURRENT_FAN_OUTS, "fan-out limit reached: "
                        + running.size() + " running, limit " + maxConcurrentRuns);
            }
            FanOutRun run = new FanOutRun(spec, transport, callTimeout, deadline, this::pace, running::remove);
            running.add(run);
            run.start();
            return run;
        }
    }

    /**
     * Runs a fan-out on the calling thread's behalf and waits for its result.
     *
     * @param spec      concurrency, iterations and requests
     * @param transport how each call reaches the target
     * @return the aggregate
     * @throws LimitExceededException if the cap on runs at once is reached
     * @throws InterruptedException   if the caller is interrupted; the run is cancelled
     */
    public FanOutResult run(FanOutSpec spec, Transport transport) throws InterruptedException {
        FanOutRun run = start(spec, transport);
        try {
            return run.await();
        } catch (InterruptedException e) {
            run.cancel();
            throw e;
        }
    }

    /**
     * @return fan-outs running now
     */
    public int runningCount() {
        return running.size();
    }

    /**
     * Cancels every running fan-out, waits for them to end and refuses new ones.
     */
    @Override
    public void close() {
        synchronized (running) {
            closed = true;
        }
        for (FanOutRun run : Set.copyOf(running)) {
            run.cancel();
            try {
                run.await(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Waits for the next call slot under the shared rate ceiling. */
    private void pace() {
        long now = System.nanoTime();
        long start = Math.max(now, nextSlot.getAndUpdate(prev -> Math.max(prev, now) + minIntervalNanos));
        if (start > now) {
            LockSupport.parkNanos(start - now);
        }
    }

    /** Builds a {@link FanOut}. */
    public static final class Builder {
        private Duration callTimeout = Duration.ofSeconds(10);
        private Duration deadline = Duration.ofSeconds(120);
        private int maxConcurrentRuns = 4;
        private int maxRate = 20_000;

        private Builder() {
        }

        /**
         * @param timeout time one call may take, positive
         * @return this builder
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = timeout;
            return this;
        }

        /**
         * @param deadline time a whole run may take, positive
         * @return this builder
         */
        public Builder deadline(Duration deadline) {
            this.deadline = deadline;
            return this;
        }

        /**
         * @param runs fan-outs allowed at once, 1-100
         * @return this builder
         */
        public Builder maxConcurrentRuns(int runs) {
            this.maxConcurrentRuns = runs;
            return this;
        }

        /**
         * @param callsPerSecond calls all runs together may start per second, 1-1,000,000,000
         * @return this builder
         */
        public Builder maxRate(int callsPerSecond) {
            this.maxRate = callsPerSecond;
            return this;
        }

        /**
         * @return the engine
         * @throws IllegalArgumentException if a value is out of range (named in the message)
         */
        public FanOut build() {
            if (callTimeout == null || callTimeout.isNegative() || callTimeout.isZero()) {
                throw new IllegalArgumentException("callTimeout must be positive, was " + callTimeout);
            }
            if (deadline == null || deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("deadline must be positive, was " + deadline);
            }
            if (maxConcurrentRuns < 1 || maxConcurrentRuns > 100) {
                throw new IllegalArgumentException("maxConcurrentRuns must be between 1 and 100, was " + maxConcurrentRuns);
            }
            if (maxRate < 1 || maxRate > 1_000_000_000) {
                throw new IllegalArgumentException("maxRate must be between 1 and 1000000000, was " + maxRate);
            }
            return new FanOut(this);
        }
    }
}
