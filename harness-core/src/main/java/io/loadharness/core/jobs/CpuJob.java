package io.loadharness.core.jobs;

import io.loadharness.core.cpu.DutyCycleWorker;
import io.loadharness.core.params.CpuJobSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/** A sustained CPU job: one platform thread per core, each running a {@link DutyCycleWorker}. */
final class CpuJob extends Job {

    private static final System.Logger LOG = System.getLogger(CpuJob.class.getName());

    private final CpuJobSpec spec;
    private final List<DutyCycleWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger active = new AtomicInteger();
    private volatile double finalUtilization = Double.NaN;

    private final UnaryOperator<Runnable> workerWrapper;

    /**
     * @param workerWrapper wraps each worker's body; identity in production, a fault injector in tests
     */
    CpuJob(String id, CpuJobSpec spec, UnaryOperator<Runnable> workerWrapper) {
        super(id, Duration.ofSeconds(spec.durationSeconds()));
        this.spec = spec;
        this.workerWrapper = workerWrapper;
    }

    void start() {
        long runNanos = Duration.ofSeconds(spec.durationSeconds()).toNanos();
        for (int i = 0; i < spec.cores(); i++) {
            DutyCycleWorker worker = new DutyCycleWorker(spec.targetUtilization(), runNanos);
            workers.add(worker);
            active.incrementAndGet();
            // Platform threads: a busy loop on a virtual thread would pin a carrier the server needs.
            threads.add(Thread.ofPlatform().daemon().name("loadharness-" + id + "-cpu-" + i).start(() -> work(worker, workerWrapper.apply(worker))));
        }
    }

    private void work(DutyCycleWorker worker, Runnable body) {
        try {
            body.run();
        } catch (RuntimeException | Error e) {
            failure = "worker failed: " + e;
            LOG.log(System.Logger.Level.ERROR, "CPU worker of " + id + " failed", e);
            workers.forEach(DutyCycleWorker::stop);
        } finally {
            worker.stop();
            if (active.decrementAndGet() == 0) {
                finalUtilization = measuredUtilization();
                ended();
            }
        }
    }

    private double measuredUtilization() {
        Instant end = Instant.now();
        long wall = Duration.between(startedAt, end).toNanos();
        if (wall <= 0) {
            return Double.NaN;
        }
        double cpu = workers.stream().mapToLong(DutyCycleWorker::cpuNanos).sum();
        return Math.clamp(cpu / workers.size() / wall, 0.0, 1.0);
    }

    @Override
    JobType type() {
        return JobType.CPU;
    }

    @Override
    JobSnapshot snapshot() {
        boolean running = isRunning();
        double achieved = running
                ? workers.stream().mapToDouble(DutyCycleWorker::achievedUtilization).filter(d -> !Double.isNaN(d))
                        .average().orElse(Double.NaN)
                : finalUtilization;
        return new CpuJobSnapshot(id, status(), spec, startedAt, endsAt, endedAt, remainingSeconds(), progress(),
                active.get(), achieved, failure);
    }

    @Override
    void stop() {
        if (!isRunning()) {
            return;
        }
        stopRequested = true;
        workers.forEach(DutyCycleWorker::stop);
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    boolean isRunning() {
        // Ends when the last worker has recorded its final figures, so no reader sees a half-ended job.
        return endedAt == null;
    }

    @Override
    int cpuWorkers() {
        return isRunning() ? spec.cores() : 0;
    }

    /** @return the worker threads, for tests that check none is left behind */
    List<Thread> threads() {
        return List.copyOf(threads);
    }
}
