package io.loadharness.core.cpu;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.locks.LockSupport;

/**
 * One worker of a sustained CPU job: busy for a fraction of every short period, idle for the rest.
 *
 * <p>The worker measures its own thread CPU time and corrects each period's busy time by the error
 * so far (an integral controller with anti-windup), so achieved utilisation converges on the target
 * within a second or two, even when the thread is preempted, and does not overshoot afterwards.
 *
 * <pre>{@code
 * DutyCycleWorker worker = new DutyCycleWorker(0.5, TimeUnit.SECONDS.toNanos(60));
 * Thread.ofPlatform().daemon().start(worker);
 * worker.achievedUtilization();   // ~0.5 after a second
 * worker.stop();                   // returns at once; the thread ends within a period
 * }</pre>
 */
public final class DutyCycleWorker implements Runnable {

    /** 10 ms: short enough that the load looks smooth to any sampler, long enough that parking is cheap. */
    public static final long PERIOD_NANOS = 10_000_000L;

    /** Achieved utilisation is measured over this window, sampled this often. */
    private static final long SAMPLE_NANOS = 250_000_000L;
    private static final int SAMPLES = 8;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final double target;
    private final long deadlineNanos;
    private final long[] sampleWall = new long[SAMPLES];
    private final long[] sampleCpu = new long[SAMPLES];
    private volatile boolean stopped;
    private volatile boolean running;
    private volatile double achieved = Double.NaN;
    private volatile long cpuNanos;
    private volatile Throwable failure;
    private volatile Thread thread;
    private long checksum;

    /**
     * @param target      fraction of each period to be busy, 0-1
     * @param runNanos    how long to run before stopping by itself, in nanoseconds
     * @throws IllegalArgumentException if target is outside 0-1 or runNanos is negative
     */
    public DutyCycleWorker(double target, long runNanos) {
        if (!(target >= 0 && target <= 1)) {
            throw new IllegalArgumentException("target must be between 0 and 1, was " + target);
        }
        if (runNanos < 0) {
            throw new IllegalArgumentException("runNanos must be at least 0, was " + runNanos);
        }
        this.target = target;
        this.deadlineNanos = System.nanoTime() + runNanos;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        running = true;
        try {
            loop();
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            running = false;
        }
    }

    private void loop() {
        long wall0 = System.nanoTime();
        long startCpu = THREADS.getCurrentThreadCpuTime();
        DutyCycleController controller = new DutyCycleController(target, PERIOD_NANOS, wall0, startCpu);
        int samples = 0;
        long nextSample = wall0;
        while (!stopped) {
            long periodStart = System.nanoTime();
            if (periodStart >= deadlineNanos) {
                return;
            }
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            if (periodStart >= nextSample) {
                sampleWall[samples % SAMPLES] = periodStart;
                sampleCpu[samples % SAMPLES] = cpuStart;
                samples++;
                updateAchieved(samples);
                nextSample = periodStart + SAMPLE_NANOS;
            }
            cpuNanos = cpuStart - startCpu;

            long busy = controller.busyNanos(periodStart, cpuStart);
            long periodEnd = periodStart + PERIOD_NANOS;
            spin(cpuStart, busy, periodEnd);
            long rest = periodEnd - System.nanoTime();
            if (rest > 0 && !stopped) {
                LockSupport.parkNanos(this, rest);
            }
        }
    }

    /**
     * Works until this thread has used {@code busy} ns of CPU since {@code cpuStart}, or the period ends.
     * The thread CPU clock is a system call (about half a microsecond), so it is read only after spinning
     * on the cheap wall clock for as long as the CPU time still missing: a thread cannot use more CPU
     * than wall time, so it never overshoots, and a preempted thread simply spins again.
     */
    private void spin(long cpuStart, long busy, long periodEnd) {
        long used = 0;
        while (used < busy && !stopped) {
            long now = System.nanoTime();
            if (now >= periodEnd) {
                return;
            }
            long until = Math.min(now + (busy - used), periodEnd);
            do {
                checksum = CpuWork.iterate(64, 5, checksum);
            } while (System.nanoTime() < until && !stopped);
            used = THREADS.getCurrentThreadCpuTime() - cpuStart;
        }
    }

    private void updateAchieved(int samples) {
        if (samples < 2) {
            return;
        }
        int newest = (samples - 1) % SAMPLES;
        int oldest = samples <= SAMPLES ? 0 : samples % SAMPLES;
        long wall = sampleWall[newest] - sampleWall[oldest];
        if (wall > 0) {
            achieved = Math.clamp((double) (sampleCpu[newest] - sampleCpu[oldest]) / wall, 0.0, 1.0);
        }
    }

    /**
     * Asks the worker to stop; it ends within one period (10 ms). Safe to call more than once.
     */
    public void stop() {
        stopped = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * @return whether the worker thread is inside {@link #run()}
     */
    public boolean isRunning() {
        return running;
    }

    /**
     * @return the busy fraction this worker aims at, 0-1
     */
    public double targetUtilization() {
        return target;
    }

    /**
     * @return the busy fraction measured from thread CPU time over the last two seconds, or NaN
     *         before the first half second
     */
    public double achievedUtilization() {
        return achieved;
    }

    /**
     * @return thread CPU time used so far, in nanoseconds
     */
    public long cpuNanos() {
        return cpuNanos;
    }

    /**
     * @return what ended the worker abnormally, or null
     */
    public Throwable failure() {
        return failure;
    }
}
