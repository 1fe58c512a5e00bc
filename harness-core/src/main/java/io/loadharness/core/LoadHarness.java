package io.loadharness.core;

import io.loadharness.core.cpu.BurnResult;
import io.loadharness.core.cpu.CpuWork;
import io.loadharness.core.cpu.WorkResult;
import io.loadharness.core.fanout.FanOut;
import io.loadharness.core.fanout.FanOutResult;
import io.loadharness.core.fanout.FanOutRun;
import io.loadharness.core.fanout.Transport;
import io.loadharness.core.jobs.CpuJobSnapshot;
import io.loadharness.core.jobs.JobRegistry;
import io.loadharness.core.jobs.JobSnapshot;
import io.loadharness.core.jobs.JobType;
import io.loadharness.core.jobs.MemoryJobSnapshot;
import io.loadharness.core.memory.MemoryBudget;
import io.loadharness.core.memory.MemoryHold;
import io.loadharness.core.memory.MemoryReport;
import io.loadharness.core.params.BurnSpec;
import io.loadharness.core.params.CpuJobSpec;
import io.loadharness.core.params.FanOutSpec;
import io.loadharness.core.params.MemoryHoldSpec;
import io.loadharness.core.params.MemoryJobSpec;
import io.loadharness.core.params.WorkSpec;
import io.loadharness.core.system.SystemInfo;
import io.loadharness.core.system.SystemProbe;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The one entry point for an embedding service: CPU burns and jobs, memory holds and jobs, fan-outs,
 * and system info, all within the configured {@link Limits}. Thread-safe; {@link #close()} stops
 * every job, cancels every fan-out and frees all memory.
 *
 * <pre>{@code
 * try (LoadHarness harness = LoadHarness.builder().limits(Limits.defaults()).build()) {
 *     CpuJobSnapshot job = harness.startCpuJob(new CpuJobSpec(1, 60, 5));
 *     MemoryReport report = harness.holdMemory(new MemoryHoldSpec(100, 2000));
 * }
 * }</pre>
 */
public final class LoadHarness implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LoadHarness.class.getName());

    /** Freeing even 500 MB takes milliseconds; this bounds close() if a holding thread is starved. */
    private static final Duration HOLD_RELEASE_WAIT = Duration.ofSeconds(2);

    private final Limits limits;
    private final String podName;
    private final MemoryBudget budget;
    private final JobRegistry jobs;
    private final FanOut fanOut;
    private final Set<MemoryHold> holds = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private LoadHarness(Builder builder) {
        this.limits = builder.limits;
        this.podName = builder.podName != null ? builder.podName : SystemProbe.podName();
        this.budget = new MemoryBudget(limits.memoryBudgetBytes());
        this.jobs = new JobRegistry(limits, budget, builder.cpuWorkerWrapper);
        this.fanOut = FanOut.builder()
                .callTimeout(limits.fanOutCallTimeout())
                .deadline(limits.fanOutDeadline())
                .maxConcurrentRuns(limits.maxConcurrentFanOuts())
                .maxRate(limits.maxFanOutRate())
                .build();
    }

    /**
     * @return a builder with {@link Limits#defaults()} and the pod name from the environment
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Keeps the calling thread busy for the spec's duration.
     *
     * @param spec duration and complexity
     * @return iterations done and the measured duration
     */
    public BurnResult burn(BurnSpec spec) {
        ensureOpen();
        return CpuWork.burn(spec);
    }

    /**
     * Performs a fixed amount of work on the calling thread: what each pod does in a fan-out.
     *
     * @param spec the iterations
     * @return the elapsed time
     */
    public WorkResult work(WorkSpec spec) {
        ensureOpen();
        return CpuWork.work(spec);
    }

    /**
     * Starts a sustained CPU job.
     *
     * @param spec cores, duration and intensity
     * @return the running job
     * @throws LimitExceededException if the job or CPU-worker ceiling is reached
     */
    public CpuJobSnapshot startCpuJob(CpuJobSpec spec) {
        ensureOpen();
        return jobs.startCpu(spec);
    }

    /**
     * Allocates resident memory, holds it for the spec's duration on the calling thread, releases it
     * and reports RSS before, at peak and after.
     *
     * @param spec size and hold time
     * @return the measurements
     * @throws LimitExceededException if the memory budget cannot take the size
     * @throws InterruptedException   if interrupted while holding; the memory is released first
     */
    public MemoryReport holdMemory(MemoryHoldSpec spec) throws InterruptedException {
        ensureOpen();
        MemoryHold hold = new MemoryHold(spec, budget);
        holds.add(hold);
        try {
            if (closed) {
                hold.release();
            }
            return hold.run();
        } finally {
            holds.remove(hold);
        }
    }

    /**
     * Starts a background memory job; the memory is resident when this returns.
     *
     * @param spec size and duration
     * @return the running job
     * @throws LimitExceededException if the job ceiling or the memory budget is reached
     */
    public MemoryJobSnapshot startMemoryJob(MemoryJobSpec spec) {
        ensureOpen();
        return jobs.startMemory(spec);
    }

    /**
     * @return every job, newest first
     */
    public List<JobSnapshot> jobs() {
        return jobs.list();
    }

    /**
     * @param type cpu or memory
     * @return the jobs of that type, newest first
     */
    public List<JobSnapshot> jobs(JobType type) {
        return jobs.list(type);
    }

    /**
     * @param id a job id
     * @return the job now
     * @throws io.loadharness.core.jobs.UnknownJobException if no job has that id
     */
    public JobSnapshot job(String id) {
        return jobs.get(id);
    }

    /**
     * Stops a job; its load is gone when this returns. A finished job is returned unchanged.
     *
     * @param id a job id
     * @return the job after stopping
     * @throws io.loadharness.core.jobs.UnknownJobException if no job has that id
     */
    public JobSnapshot stop(String id) {
        return jobs.stop(id);
    }

    /**
     * Emergency stop of every running job.
     *
     * @return how many jobs were stopped
     */
    public int stopAll() {
        return jobs.stopAll();
    }

    /**
     * Starts a fan-out through the given transport.
     *
     * @param spec      concurrency, iterations and requests
     * @param transport how each call reaches the target
     * @return the running fan-out, with live progress and cancel
     * @throws LimitExceededException if the cap on fan-outs at once is reached
     */
    public FanOutRun startFanOut(FanOutSpec spec, Transport transport) {
        ensureOpen();
        return fanOut.start(spec, transport);
    }

    /**
     * Runs a fan-out and waits for its result.
     *
     * @param spec      concurrency, iterations and requests
     * @param transport how each call reaches the target
     * @return the aggregate
     * @throws LimitExceededException if the cap on fan-outs at once is reached
     * @throws InterruptedException   if interrupted while waiting; the fan-out is cancelled
     */
    public FanOutResult fanOut(FanOutSpec spec, Transport transport) throws InterruptedException {
        ensureOpen();
        return fanOut.run(spec, transport);
    }

    /**
     * @return process and host facts, read now
     */
    public SystemInfo systemInfo() {
        return SystemProbe.info(podName);
    }

    /**
     * @return the pod name this harness reports
     */
    public String podName() {
        return podName;
    }

    /**
     * @return the configured ceilings
     */
    public Limits limits() {
        return limits;
    }

    /**
     * @return bytes of memory held now by holds and memory jobs
     */
    public long heldMemoryBytes() {
        return budget.heldBytes();
    }

    /**
     * @return jobs running now
     */
    public int runningJobs() {
        return jobs.runningJobs();
    }

    /**
     * @param type cpu or memory
     * @return jobs of that type running now
     */
    public int runningJobs(JobType type) {
        return jobs.runningJobs(type);
    }

    /**
     * @return CPU worker threads running now
     */
    public int activeCpuWorkers() {
        return jobs.activeCpuWorkers();
    }

    /**
     * @return fan-outs running now
     */
    public int runningFanOuts() {
        return fanOut.runningCount();
    }

    /**
     * @return whether {@link #close()} has been called
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops every job, cancels every fan-out, releases every hold, and refuses new work. Returns when
     * the load is gone. Safe to call more than once.
     */
    @Override
    public void close() {
        closed = true;
        holds.forEach(MemoryHold::release);
        jobs.close();
        fanOut.close();
        awaitHoldsFreed();
    }

    /** A released hold frees its memory on its own thread; wait for that, so that the load is gone on return. */
    private void awaitHoldsFreed() {
        long deadline = System.nanoTime() + HOLD_RELEASE_WAIT.toNanos();
        for (MemoryHold hold : List.copyOf(holds)) {
            try {
                if (!hold.awaitFreed(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                    LOG.log(System.Logger.Level.WARNING, "a memory hold was not freed within " + HOLD_RELEASE_WAIT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new HarnessClosedException();
        }
    }

    /** Builds a {@link LoadHarness}. */
    public static final class Builder {
        private Limits limits = Limits.defaults();
        private String podName;
        private UnaryOperator<Runnable> cpuWorkerWrapper = UnaryOperator.identity();

        private Builder() {
        }

        /**
         * @param wrapper wraps the body of every CPU worker, e.g. to trace it or to inject a fault in a
         *                test; a body that throws ends its job as failed with the error as its failure text,
         *                and the harness carries on. Identity by default.
         * @return this builder
         */
        public Builder cpuWorkerWrapper(UnaryOperator<Runnable> wrapper) {
            this.cpuWorkerWrapper = Objects.requireNonNull(wrapper, "wrapper");
            return this;
        }

        /**
         * @param limits the ceilings every load is checked against
         * @return this builder
         */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * @param podName the name reported as the pod; defaults to {@code POD_NAME}, {@code HOSTNAME} or
         *                the host name
         * @return this builder
         */
        public Builder podName(String podName) {
            if (podName != null && podName.isBlank()) {
                throw new IllegalArgumentException("podName must not be blank");
            }
            this.podName = podName;
            return this;
        }

        /**
         * @return the harness, ready to use
         */
        public LoadHarness build() {
            return new LoadHarness(this);
        }
    }
}
