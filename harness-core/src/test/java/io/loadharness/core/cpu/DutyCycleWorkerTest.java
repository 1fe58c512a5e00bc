package io.loadharness.core.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DutyCycleWorkerTest {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void halfIntensityKeepsItsThreadBusyAboutHalfTheTime() throws InterruptedException {
        DutyCycleWorker worker = new DutyCycleWorker(0.5, TimeUnit.SECONDS.toNanos(10));
        Thread thread = Thread.ofPlatform().daemon().start(worker);
        Thread.sleep(1_000);
        long cpu0 = THREADS.getThreadCpuTime(thread.threadId());
        long wall0 = System.nanoTime();
        Thread.sleep(2_000);
        long cpu = THREADS.getThreadCpuTime(thread.threadId()) - cpu0;
        long wall = System.nanoTime() - wall0;
        worker.stop();
        thread.join(1_000);

        // Loose bound: the precise figure is the benchmarks' job, on a quiet machine.
        assertThat((double) cpu / wall).isBetween(0.35, 0.65);
        assertThat(worker.achievedUtilization()).isBetween(0.35, 0.65);
    }

    @Test
    void fullIntensityHoldsAWholeCore() throws InterruptedException {
        DutyCycleWorker worker = new DutyCycleWorker(1.0, TimeUnit.SECONDS.toNanos(10));
        Thread thread = Thread.ofPlatform().daemon().start(worker);
        Thread.sleep(500);
        long cpu0 = THREADS.getThreadCpuTime(thread.threadId());
        long wall0 = System.nanoTime();
        Thread.sleep(1_500);
        long cpu = THREADS.getThreadCpuTime(thread.threadId()) - cpu0;
        long wall = System.nanoTime() - wall0;
        worker.stop();
        thread.join(1_000);

        // A controller that winds up when it cannot keep up falls to about half a core here.
        assertThat((double) cpu / wall).isGreaterThan(0.8);
    }

    @Test
    void aStoppedWorkerEndsWithinOneHundredMilliseconds() throws InterruptedException {
        DutyCycleWorker worker = new DutyCycleWorker(1.0, TimeUnit.SECONDS.toNanos(30));
        Thread thread = Thread.ofPlatform().daemon().start(worker);
        Thread.sleep(200);
        long stopAt = System.nanoTime();
        worker.stop();
        thread.join(Duration.ofMillis(100));
        assertThat(thread.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - stopAt)).isLessThan(Duration.ofMillis(100));
        assertThat(worker.isRunning()).isFalse();
    }

    @Test
    void aWorkerStopsByItselfAtItsDeadline() throws InterruptedException {
        DutyCycleWorker worker = new DutyCycleWorker(0.3, TimeUnit.MILLISECONDS.toNanos(300));
        Thread thread = Thread.ofPlatform().daemon().start(worker);
        thread.join(Duration.ofSeconds(2));
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void aTargetOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new DutyCycleWorker(1.5, 1)).hasMessageContaining("target must be between 0 and 1");
    }
}
