package io.loadharness.core.jobs;

import io.loadharness.core.HarnessClosedException;
import io.loadharness.core.LimitExceededException.Limit;
import io.loadharness.core.LimitExceededException;
import io.loadharness.core.Limits;
import io.loadharness.core.memory.MemoryBudget;
import io.loadharness.core.params.CpuJobSpec;
import io.loadharness.core.params.MemoryJobSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Every CPU and memory job: starts them within the limits, finds, lists and stops them, and keeps a
 * bounded history of finished ones. Thread-safe.
 *
 * <pre>{@code
 * JobRegistry jobs = new JobRegistry(Limits.defaults(), budget);
 * CpuJobSnapshot job = jobs.startCpu(new CpuJobSpec(1, 60, 5));
 * jobs.stop(job.id());
 * }</pre>
 */
public final class JobRegistry implements AutoCloseable {

    private final Limits limits;
    private final MemoryBudget budget;
    private final UnaryOperator<Runnable> workerWrapper;
    private final AtomicLong sequence = new AtomicLong();
    /** Insertion order is start order: oldest first. Guarded by {@code this}. */
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private boolean closed;

    /**
     * @param limits the job and worker ceilings and the history size
     * @param budget the memory budget memory jobs reserve from
     */
    public JobRegistry(Limits limits, MemoryBudget budget) {
        this(limits, budget, UnaryOperator.identity());
    }

    /**
     * @param limits        the job and worker ceilings and the history size
     * @param budget        the memory budget memory jobs reserve from
     * @param workerWrapper wraps the body of every CPU worker, e.g. to trace it or to inject a fault in a
     *                      test; a body that throws ends its job as {@link JobStatus#FAILED}
     */
    public JobRegistry(Limits limits, MemoryBudget budget, UnaryOperator<Runnable> workerWrapper) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.workerWrapper = Objects.requireNonNull(workerWrapper, "workerWrapper");
    }

    /**
     * Starts a sustained CPU job.
     *
     * @param spec cores, duration and intensity
     * @return the running job
     * @throws LimitExceededException if it would exceed the concurrent-job or CPU-worker ceiling
     * @throws io.loadharness.core.HarnessClosedException if the registry is closed
     */
    public synchronized CpuJobSnapshot startCpu(CpuJobSpec spec) {
        checkJobSlot();
        int busy = jobs.values().stream().mapToInt(Job::cpuWorkers).sum();
        if (busy + spec.cores() > limits.maxCpuWorkers()) {
            throw new LimitExceededException(Limit.CPU_WORKERS, "CPU worker limit reached: requested " + spec.cores()
                    + " cores, " + busy + " already busy, limit " + limits.maxCpuWorkers());
        }
        CpuJob job = new CpuJob(nextId(), spec, workerWrapper);
        job.start();
        register(job);
        return (CpuJobSnapshot) job.snapshot();
    }

    /**
     * Starts a background memory job; the memory is resident when this returns.
     *
     * @param spec size and duration
     * @return the running job
     * @throws LimitExceededException if it would exceed the concurrent-job ceiling or the memory budget
     * @throws io.loadharness.core.HarnessClosedException if the registry is closed
     */
    public synchronized MemoryJobSnapshot startMemory(MemoryJobSpec spec) {
        checkJobSlot();
        MemoryJob job = new MemoryJob(nextId(), spec);
        job.start(budget);
        register(job);
        return (MemoryJobSnapshot) job.snapshot();
    }

    /**
     * @return every job, running and remembered, newest first
     */
    public List<JobSnapshot> list() {
        return snapshots(null);
    }

    /**
     * @param type cpu or memory
     * @return the jobs of that type, newest first
     */
    public List<JobSnapshot> list(JobType type) {
        return snapshots(type);
    }

    /**
     * @param id a job id
     * @return the job now
     * @throws UnknownJobException if no job has that id
     */
    public JobSnapshot get(String id) {
        return find(id).snapshot();
    }

    /**
     * Stops a job; its workers are gone and its memory released when this returns. Stopping a
     * finished job returns it unchanged.
     *
     * @param id a job id
     * @return the job after stopping
     * @throws UnknownJobException if no job has that id
     */
    public JobSnapshot stop(String id) {
        Job job = find(id);
        job.stop();
        prune();
        return job.snapshot();
    }

    /**
     * Emergency stop: stops every running job.
     *
     * @return how many jobs were running and are now stopped
     */
    public int stopAll() {
        List<Job> running;
        synchronized (this) {
            running = jobs.values().stream().filter(Job::isRunning).toList();
        }
        running.forEach(Job::stop);
        prune();
        return running.size();
    }

    /**
     * @return jobs running now
     */
    public synchronized int runningJobs() {
        return (int) jobs.values().stream().filter(Job::isRunning).count();
    }

    /**
     * @param type cpu or memory
     * @return jobs of that type running now
     */
    public synchronized int runningJobs(JobType type) {
        return (int) jobs.values().stream().filter(Job::isRunning).filter(j -> j.type() == type).count();
    }

    /**
     * @return CPU worker threads running now across all jobs
     */
    public synchronized int activeCpuWorkers() {
        return jobs.values().stream().mapToInt(Job::cpuWorkers).sum();
    }

    /**
     * Stops every job and refuses new ones.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        stopAll();
    }

    private void checkJobSlot() {
        if (closed) {
            throw new HarnessClosedException();
        }
        long running = jobs.values().stream().filter(Job::isRunning).count();
        if (running >= limits.maxConcurrentJobs()) {
            throw new LimitExceededException(Limit.CONCURRENT_JOBS, "concurrent job limit reached: " + running
                    + " jobs running, limit " + limits.maxConcurrentJobs());
        }
    }

    private String nextId() {
        return "job_" + Instant.now().getEpochSecond() + "_" + sequence.incrementAndGet();
    }

    private void register(Job job) {
        jobs.put(job.id, job);
        prune();
    }

    /** Forgets the oldest finished jobs beyond the history limit. */
    private synchronized void prune() {
        long finished = jobs.values().stream().filter(j -> !j.isRunning()).count();
        Iterator<Job> oldestFirst = jobs.values().iterator();
        while (finished > limits.finishedJobHistory() && oldestFirst.hasNext()) {
            if (!oldestFirst.next().isRunning()) {
                oldestFirst.remove();
                finished--;
            }
        }
    }

    private synchronized Job find(String id) {
        Job job = jobs.get(id);
        if (job == null) {
            throw new UnknownJobException(id);
        }
        return job;
    }

    private List<JobSnapshot> snapshots(JobType type) {
        List<Job> all;
        synchronized (this) {
            all = new ArrayList<>(jobs.values());
        }
        List<JobSnapshot> result = new ArrayList<>(all.size());
        for (int i = all.size() - 1; i >= 0; i--) {
            JobSnapshot snapshot = all.get(i).snapshot();
            if (type == null || snapshot.type() == type) {
                result.add(snapshot);
            }
        }
        return result;
    }
}
