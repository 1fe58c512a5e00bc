package io.loadharness.core.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DutyCycleControllerTest {

    private static final long PERIOD = 10_000_000L;

    @Test
    void onTargetItAsksForTheTargetShareOfEachPeriod() {
        DutyCycleController controller = new DutyCycleController(0.3, PERIOD, 0, 0);
        assertThat(controller.busyNanos(0, 0)).isEqualTo(3_000_000L);
        assertThat(controller.busyNanos(PERIOD, 3_000_000L)).isEqualTo(3_000_000L);
    }

    @Test
    void aSmallDeficitIsMadeUpInTheNextPeriod() {
        DutyCycleController controller = new DutyCycleController(0.5, PERIOD, 0, 0);
        // After one period the thread got 3 ms instead of 5: it asks for 5 + 2.
        assertThat(controller.busyNanos(PERIOD, 3_000_000L)).isEqualTo(7_000_000L);
    }

    @Test
    void aStallIsForgivenAndTheLoadReturnsToItsTargetWithoutOscillating() {
        DutyCycleController controller = new DutyCycleController(0.5, PERIOD, 0, 0);
        long wall = 0;
        long cpu = 0;
        // One second on target, then 200 ms in which the thread could not run at all.
        for (; wall < 1_000_000_000L; wall += PERIOD) {
            cpu += controller.busyNanos(wall, cpu);
        }
        wall += 200_000_000L;
        long[] busy = new long[50];
        for (int i = 0; i < busy.length; i++, wall += PERIOD) {
            busy[i] = controller.busyNanos(wall, cpu);
            cpu += busy[i];
        }

        // At most one full period of catching up (the forgiven deficit), then exactly the target again.
        assertThat(busy[0]).isEqualTo(PERIOD);
        for (int i = 2; i < busy.length; i++) {
            assertThat(busy[i]).as("period %d after the stall", i).isEqualTo(5_000_000L);
        }
    }

    @Test
    void aThreadThatCannotKeepUpIsNeverAskedForMoreThanAPeriodNorLessThanNothing() {
        DutyCycleController controller = new DutyCycleController(1.0, PERIOD, 0, 0);
        long cpu = 0;
        for (long wall = 0; wall < 2_000_000_000L; wall += PERIOD) {
            long busy = controller.busyNanos(wall, cpu);
            assertThat(busy).isBetween(0L, PERIOD);
            cpu += busy * 9 / 10;  // it only ever gets 90% of what it asks for
        }
    }
}
