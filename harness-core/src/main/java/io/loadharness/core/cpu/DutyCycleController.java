package io.loadharness.core.cpu;

/**
 * The duty cycle's integral controller: how long to be busy in the next period so that the CPU time
 * used since the start tracks {@code target x wall time}. A deficit larger than one period (time the
 * thread could not run: a GC pause, preemption) is forgiven rather than repaid in a burst.
 */
final class DutyCycleController {

    private final double target;
    private final long period;
    private final long busyPerPeriod;
    private final long wall0;
    private long cpu0;

    DutyCycleController(double target, long periodNanos, long wallNow, long cpuNow) {
        this.target = target;
        this.period = periodNanos;
        this.busyPerPeriod = (long) (target * periodNanos);
        this.wall0 = wallNow;
        this.cpu0 = cpuNow;
    }

    /**
     * @param wallNow the wall clock at the start of the period, ns
     * @param cpuNow  the thread's CPU clock at the start of the period, ns
     * @return CPU time to use in this period, 0 to one period, ns
     */
    long busyNanos(long wallNow, long cpuNow) {
        long error = (long) (target * (wallNow - wall0)) - (cpuNow - cpu0);
        if (Math.abs(error) > period) {
            // Anti-windup: moving the CPU baseline back by the excess shrinks the error to one period.
            long excess = error - Long.signum(error) * period;
            cpu0 -= excess;
            error -= excess;
        }
        return Math.clamp(busyPerPeriod + error, 0, period);
    }
}
