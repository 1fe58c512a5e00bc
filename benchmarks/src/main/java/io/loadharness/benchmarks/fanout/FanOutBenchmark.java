package io.loadharness.benchmarks.fanout;

import io.loadharness.core.fanout.CallOutcome;
import io.loadharness.core.fanout.CallResult;
import io.loadharness.core.fanout.FanOut;
import io.loadharness.core.fanout.FanOutResult;
import io.loadharness.core.fanout.Transport;
import io.loadharness.core.params.FanOutSpec;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fan-out engine's own cost per call, in nanoseconds, with an in-memory transport that answers at
 * once, at concurrency 1, 10 and 100, against a bare loop making the same calls one after another.
 * A second reference, {@code baselineVirtualThreads}, is the floor of any engine built on virtual
 * threads: one virtual thread per call under a semaphore, timing each call, nothing else.
 *
 * <p>The transport's call is never inlined, so the bare loop really makes its calls instead of the
 * JIT folding them to a constant, and both sides pay the same for a call.
 *
 * <p>The engine's rate ceiling is lifted (1,000,000,000 calls/s): its default, 20,000 calls/s, would
 * otherwise be what this measures.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FanOutBenchmark {

    /** Calls per fan-out: the largest a {@link FanOutSpec} allows. */
    static final int CALLS = 10_000;

    private static final Transport IN_MEMORY = new InMemoryTransport();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The engine and the concurrency under test. */
    @State(Scope.Thread)
    public static class Engine {
        @Param({"1", "10", "100"})
        public int concurrency;
        FanOut engine;
        FanOutSpec spec;

        /** Builds the engine once per trial. */
        @Setup(Level.Trial)
        public void build() {
            engine = FanOut.builder().callTimeout(TIMEOUT).deadline(Duration.ofSeconds(120))
                    .maxConcurrentRuns(1).maxRate(1_000_000_000).build();
            spec = new FanOutSpec(concurrency, 1_000, CALLS);
        }

        /** Closes it. */
        @TearDown(Level.Trial)
        public void close() {
            engine.close();
        }
    }

    /** The concurrency of the virtual-thread reference. */
    @State(Scope.Thread)
    public static class Concurrency {
        @Param({"1", "10", "100"})
        public int concurrency;
    }

    /**
     * @param state the engine and spec
     * @return the aggregate
     * @throws InterruptedException never in practice
     */
    @Benchmark
    @OperationsPerInvocation(CALLS)
    public FanOutResult engine(Engine state) throws InterruptedException {
        FanOutResult result = state.engine.run(state.spec, IN_MEMORY);
        if (result.succeeded() != CALLS) {
            throw new IllegalStateException("expected " + CALLS + " successes, got " + result);
        }
        return result;
    }

    /** The engine's per-call timeout watchdog, alone: one scheduler thread, as a run creates. */
    @State(Scope.Thread)
    public static class Watchdog {
        ScheduledThreadPoolExecutor scheduler;

        /** Creates the scheduler as {@code FanOutRun} does. */
        @Setup(Level.Trial)
        public void create() {
            scheduler = new ScheduledThreadPoolExecutor(1, Thread.ofVirtual().factory());
            scheduler.setRemoveOnCancelPolicy(true);
        }

        /** Stops it. */
        @TearDown(Level.Trial)
        public void shutdown() {
            scheduler.shutdownNow();
        }
    }

    /**
     * A part of the engine's cost, for the reader: what the engine does per call to arm and disarm its
     * timeout (schedule a task 10 s ahead, then cancel it), on one thread.
     *
     * @param watchdog the scheduler
     * @return whether the last cancel succeeded
     */
    @Benchmark
    public boolean partWatchdogPerCall(Watchdog watchdog) {
        ScheduledFuture<?> timer = watchdog.scheduler.schedule(() -> { }, TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        return timer.cancel(false);
    }

    /**
     * The baseline: the same calls in a plain loop on this thread.
     *
     * @return how many succeeded
     * @throws Exception never in practice
     */
    @Benchmark
    @OperationsPerInvocation(CALLS)
    public int baselineBareLoop() throws Exception {
        int ok = 0;
        for (int i = 0; i < CALLS; i++) {
            if (IN_MEMORY.call(1_000, TIMEOUT).outcome() == CallOutcome.OK) {
                ok++;
            }
        }
        return ok;
    }

    /**
     * The reference: one virtual thread per call under a semaphore, each timed, nothing else.
     *
     * @param state concurrency
     * @return the sum of the latencies, in nanoseconds
     * @throws InterruptedException never in practice
     */
    @Benchmark
    @OperationsPerInvocation(CALLS)
    public long baselineVirtualThreads(Concurrency state) throws InterruptedException {
        return virtualThreads(state.concurrency, null, false);
    }

    /**
     * A part of the engine's cost, for the reader: the virtual-thread reference plus the engine's
     * per-call timeout (a task scheduled on one {@link ScheduledThreadPoolExecutor} for the run, then
     * cancelled), nothing else. The difference to {@code baselineVirtualThreads} is what the
     * engine's watchdog costs at each concurrency.
     *
     * @param state concurrency
     * @return the sum of the latencies, in nanoseconds
     * @throws InterruptedException never in practice
     */
    @Benchmark
    @OperationsPerInvocation(CALLS)
    public long partVirtualThreadsWithWatchdog(Concurrency state) throws InterruptedException {
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, Thread.ofVirtual().factory());
        watchdog.setRemoveOnCancelPolicy(true);
        try {
            return virtualThreads(state.concurrency, watchdog, false);
        } finally {
            watchdog.shutdownNow();
        }
    }

    /**
     * A part of the engine's cost, for the reader: the virtual-thread reference with the dispatcher
     * waiting for a free slot with a timeout ({@code Semaphore.tryAcquire(timeout)}) as the engine's
     * does, to honour the run's deadline, instead of waiting without one.
     *
     * @param state concurrency
     * @return the sum of the latencies, in nanoseconds
     * @throws InterruptedException never in practice
     */
    @Benchmark
    @OperationsPerInvocation(CALLS)
    public long partVirtualThreadsWithTimedAcquire(Concurrency state) throws InterruptedException {
        return virtualThreads(state.concurrency, null, true);
    }

    private static long virtualThreads(int concurrency, ScheduledThreadPoolExecutor watchdog, boolean timedAcquire)
            throws InterruptedException {
        long[] latencies = new long[CALLS];
        AtomicInteger next = new AtomicInteger();
        Semaphore permits = new Semaphore(concurrency);
        // The dispatcher is a virtual thread, as the engine's is: hand-offs stay between virtual threads.
        Thread dispatcher = Thread.ofVirtual().start(() -> {
            try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < CALLS; i++) {
                    if (timedAcquire) {
                        try {
                            if (!permits.tryAcquire(120, TimeUnit.SECONDS)) {
                                throw new IllegalStateException("no slot within 120 s");
                            }
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    } else {
                        permits.acquireUninterruptibly();
                    }
                    calls.execute(() -> {
                        try {
                            long start = System.nanoTime();
                            ScheduledFuture<?> timer = watchdog == null ? null
                                    : watchdog.schedule(() -> { }, TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
                            IN_MEMORY.call(1_000, TIMEOUT);
                            if (timer != null) {
                                timer.cancel(false);
                            }
                            latencies[next.getAndIncrement()] = System.nanoTime() - start;
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        } finally {
                            permits.release();
                        }
                    });
                }
            }
        });
        dispatcher.join();
        long sum = 0;
        for (long latency : latencies) {
            sum += latency;
        }
        return sum;
    }

    /** Answers every call at once with the same success; never inlined, so every call is a real call. */
    static final class InMemoryTransport implements Transport {
        private static final CallResult OK = CallResult.ok("local");

        @Override
        @CompilerControl(CompilerControl.Mode.DONT_INLINE)
        public CallResult call(int iterations, Duration timeout) {
            return OK;
        }
    }
}
