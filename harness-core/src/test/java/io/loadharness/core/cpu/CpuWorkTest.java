package io.loadharness.core.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadharness.core.params.BurnSpec;
import io.loadharness.core.params.WorkSpec;
import org.junit.jupiter.api.Test;

class CpuWorkTest {

    @Test
    void aBurnLastsAtLeastItsDurationAndEndsSoonAfter() {
        BurnResult result = CpuWork.burn(new BurnSpec(200, 5));
        // Loose upper bound: a preempted thread overshoots; the benchmarks measure the real overshoot.
        assertThat(result.durationMs()).isGreaterThanOrEqualTo(200.0).isLessThan(1_200.0);
        assertThat(result.iterations()).isPositive();
        assertThat(result.complexity()).isEqualTo(5);
    }

    @Test
    void higherComplexityDoesFewerIterationsInTheSameTime() {
        long light = CpuWork.burn(new BurnSpec(100, 1)).iterations();
        long heavy = CpuWork.burn(new BurnSpec(100, 10)).iterations();
        assertThat(heavy).isLessThan(light);
    }

    @Test
    void workRunsExactlyItsIterations() {
        WorkResult result = CpuWork.work(new WorkSpec(1_000_000));
        assertThat(result.iterations()).isEqualTo(1_000_000);
        assertThat(result.durationMs()).isPositive();
    }

    @Test
    void theKernelIsDeterministicAndSensitiveToEveryIteration() {
        assertThat(CpuWork.iterate(10_000, 5, 42)).isEqualTo(CpuWork.iterate(10_000, 5, 42));
        assertThat(CpuWork.iterate(10_000, 5, 42)).isNotEqualTo(CpuWork.iterate(10_001, 5, 42));
        assertThat(CpuWork.iterate(10_000, 5, 42)).isNotEqualTo(CpuWork.iterate(10_000, 6, 42));
    }
}
