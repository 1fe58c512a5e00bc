package io.loadharness.core.fanout;

import io.loadharness.core.params.FanOutSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * One fan-out in flight: live {@link #progress()}, {@link #cancel()}, and {@link #await()} for the
 * result. Created by {@link FanOut#start}.
 */
public final class FanOutRun {

    private static final System.Logger LOG = System.getLogger(FanOutRun.class.getName());
    private static final long SECOND = 1_000_000_000L;

    private final FanOutSpec spec;
    private final Transport transport;
    private final Duration callTimeout;
    private final long deadlineNanos;
    private final Runnable pacer;
    private final Consumer<FanOutRun> onEnd;
    /** Samples in completion order; slots up to {@link #done} may still be in the middle of being written. */
    private final AtomicReferenceArray<CallSample> samples;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger succeeded = new AtomicInteger();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledThreadPoolExecutor watchdog;
    private volatile long startNanos;
    private volatile long endNanos;
    private volatile FanOutResult result;
    private volatile Thread dispatcher;

    FanOutRun(FanOutSpec spec, Transport transport, Duration callTimeout, Duration deadline, Runnable pacer,
              Consumer<FanOutRun> onEnd) {
        this.spec = spec;
        this.transport = transport;
        this.callTimeout = callTimeout;
        this.pacer = pacer;
        this.onEnd = onEnd;
        this.samples = new AtomicReferenceArray<>(spec.requests());
        this.startNanos = System.nanoTime();
        this.deadlineNanos = startNanos + deadline.toNanos();
        this.watchdog = new ScheduledThreadPoolExecutor(1, Thread.ofVirtual().name("loadharness-fanout-watchdog").factory());
        this.watchdog.setRemoveOnCancelPolicy(true);
    }

    void start() {
        dispatcher = Thread.ofVirtual().name("loadharness-fanout").start(this::dispatch);
    }

    private void dispatch() {
        Semaphore permits = new Semaphore(spec.concurrency());
        int sent = 0;
        try {
            startNanos = System.nanoTime();
            for (; sent < spec.requests() && !cancelled.get(); sent++) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0 || !permits.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                    break;
                }
                pacer.run();
                try {
                    calls.execute(() -> {
                        try {
                            call();
                        } finally {
                            permits.release();
                        }
                    });
                } catch (RejectedExecutionException e) {
                    permits.release();
                    break;
                }
            }
            long left = deadlineNanos - System.nanoTime();
            if (!permits.tryAcquire(spec.concurrency(), Math.max(0, left), TimeUnit.NANOSECONDS)) {
                calls.shutdownNow();
                permits.tryAcquire(spec.concurrency(), 5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            calls.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            finish(sent);
        }
    }

    private void call() {
        Thread self = Thread.currentThread();
        AtomicBoolean timedOut = new AtomicBoolean();
        long start = System.nanoTime();
        ScheduledFuture<?> timer = watchdog.schedule(() -> {
            timedOut.set(true);
            self.interrupt();
        }, callTimeout.toNanos(), TimeUnit.NANOSECONDS);
        CallResult result;
        try {
            result = transport.call(spec.iterations(), callTimeout);
        } catch (InterruptedException e) {
            result = timedOut.get() ? CallResult.timeout() : new CallResult(CallOutcome.CANCELLED, 0, null, "cancelled");
        } catch (Exception e) {
            result = CallResult.error(e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            timer.cancel(false);
            Thread.interrupted();
        }
        if (result == null) {
            result = CallResult.error("transport returned no result");
        }
        long end = System.nanoTime();
        record(new CallSample(result.outcome(), result.statusCode(), result.pod(), end - start, end));
    }

    private void record(CallSample sample) {
        if (sample.outcome() == CallOutcome.OK) {
            succeeded.incrementAndGet();
        }
        samples.set(done.getAndIncrement(), sample);
    }

    private void finish(int sent) {
        calls.close();
        watchdog.shutdownNow();
        endNanos = System.nanoTime();
        List<CallSample> all = new ArrayList<>(done.get());
        for (int i = 0; i < done.get(); i++) {
            all.add(samples.get(i));
        }
        result = FanOutResult.aggregate(spec.requests(), all, endNanos - startNanos, sent < spec.requests());
        if (sent < spec.requests()) {
            LOG.log(System.Logger.Level.INFO, "fan-out ended early: " + sent + " of " + spec.requests() + " calls sent");
        }
        onEnd.accept(this);
        finished.countDown();
    }

    /**
     * @return the spec this run executes
     */
    public FanOutSpec spec() {
        return spec;
    }

    /**
     * @return calls done of total, successes, failures and the calls finished in the last second
     */
    public FanOutProgress progress() {
        long now = System.nanoTime();
        int count = done.get();
        int recent = 0;
        for (int i = count - 1; i >= 0; i--) {
            CallSample sample = samples.get(i);
            if (sample == null) {
                continue;
            }
            if (sample.endNanos() < now - SECOND) {
                break;
            }
            recent++;
        }
        boolean over = finished.getCount() == 0;
        long end = over ? endNanos : now;
        double elapsed = (end - startNanos) / 1e9;
        double rps = elapsed < 1 ? (elapsed > 0 ? count / elapsed : 0) : recent;
        int ok = succeeded.get();
        return new FanOutProgress(spec.requests(), count, ok, count - ok, elapsed, rps, over);
    }

    /**
     * Stops sending calls and interrupts those in flight; {@link #await()} then returns the partial
     * result. Safe to call more than once.
     */
    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            calls.shutdownNow();
            Thread d = dispatcher;
            if (d != null) {
                d.interrupt();
            }
        }
    }

    /**
     * @return whether the run has ended
     */
    public boolean isDone() {
        return finished.getCount() == 0;
    }

    /**
     * @return whether {@link #cancel()} was called
     */
    public boolean isCancelled() {
        return cancelled.get();
    }

    /**
     * Waits for the run to end.
     *
     * @return the aggregate
     * @throws InterruptedException if the caller is interrupted while waiting
     */
    public FanOutResult await() throws InterruptedException {
        finished.await();
        return result;
    }

    /**
     * Waits at most {@code timeout} for the run to end.
     *
     * @param timeout how long to wait
     * @return the aggregate, or null if the run is still going
     * @throws InterruptedException if the caller is interrupted while waiting
     */
    public FanOutResult await(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS) ? result : null;
    }
}
