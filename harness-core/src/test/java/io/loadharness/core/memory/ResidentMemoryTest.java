package io.loadharness.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loadharness.core.LimitExceededException;
import io.loadharness.core.params.MemoryHoldSpec;
import io.loadharness.core.system.SystemProbe;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ResidentMemoryTest {

    private static final long MB = 1L << 20;

    @Test
    @EnabledOnOs(OS.LINUX)
    void rssRisesByTheBlockWhileHeldAndFallsWhenReleased() {
        long before = SystemProbe.rssBytes().orElseThrow();
        long held;
        try (ResidentMemory block = ResidentMemory.allocate(200 * MB)) {
            held = SystemProbe.rssBytes().orElseThrow();
            assertThat(block.bytes()).isEqualTo(200 * MB);
            assertThat(block.allocationMs()).isPositive();
        }
        long after = SystemProbe.rssBytes().orElseThrow();

        assertThat(held - before).isGreaterThanOrEqualTo((long) (0.9 * 200 * MB));
        assertThat(held - after).isGreaterThanOrEqualTo((long) (0.9 * 200 * MB));
    }

    @Test
    void closingTwiceIsHarmless() {
        ResidentMemory block = ResidentMemory.allocate(MB);
        block.close();
        block.close();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aHoldReportsRssBeforePeakAndAfter() throws InterruptedException {
        MemoryBudget budget = new MemoryBudget(1024 * MB);
        MemoryReport report = new MemoryHold(new MemoryHoldSpec(100, 200), budget).run();

        assertThat(report.requestedMb()).isEqualTo(100);
        assertThat(report.heldMs()).isBetween(190.0, 2_000.0);
        assertThat(report.rssPeak().orElseThrow() - report.rssBefore().orElseThrow()).isGreaterThanOrEqualTo(90 * MB);
        assertThat(report.rssPeak().orElseThrow() - report.rssAfter().orElseThrow()).isGreaterThanOrEqualTo(90 * MB);
        assertThat(budget.heldBytes()).isZero();
    }

    @Test
    void aHoldCanBeReleasedEarly() throws Exception {
        MemoryHold hold = new MemoryHold(new MemoryHoldSpec(10, 10_000), new MemoryBudget(64 * MB));
        CompletableFuture<MemoryReport> report = CompletableFuture.supplyAsync(() -> {
            try {
                return hold.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        hold.release();
        assertThat(report.get().heldMs()).isLessThan(5_000.0);
    }

    @Test
    void aRequestOverTheBudgetIsRefusedNamingRequestHeldAndLimit() {
        MemoryBudget budget = new MemoryBudget(150 * MB);
        try (MemoryBudget.Reservation first = budget.reserve(100 * MB)) {
            assertThatThrownBy(() -> budget.reserve(100 * MB))
                    .isInstanceOfSatisfying(LimitExceededException.class,
                            e -> assertThat(e.limit()).isEqualTo(LimitExceededException.Limit.MEMORY_BUDGET))
                    .hasMessage("memory budget exceeded: requested 100 MB, held 100 MB, limit 150 MB");
            assertThat(budget.heldBytes()).isEqualTo(100 * MB);
        }
        assertThat(budget.heldBytes()).isZero();
    }

    @Test
    void aReservationIsReturnedOnlyOnce() {
        MemoryBudget budget = new MemoryBudget(100 * MB);
        MemoryBudget.Reservation reservation = budget.reserve(60 * MB);
        reservation.close();
        reservation.close();
        assertThat(budget.heldBytes()).isZero();
    }
}
