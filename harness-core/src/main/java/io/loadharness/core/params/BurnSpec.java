package io.loadharness.core.params;

import java.util.List;

/**
 * A one-shot CPU burn: keep the calling thread busy for {@code durationMs} at {@code complexity}.
 *
 * @param durationMs busy time, 1-10000 ms
 * @param complexity work per iteration, 1-10
 */
public record BurnSpec(int durationMs, int complexity) {

    /** The parameters {@code duration_ms} and {@code complexity}. */
    public static final ParamSet<BurnSpec> PARAMS = new ParamSet<>("cpu_burn",
            List.of(Params.BURN_DURATION_MS, Params.COMPLEXITY),
            v -> new BurnSpec(v.get(Params.BURN_DURATION_MS), v.get(Params.COMPLEXITY)));

    /**
     * @throws InvalidParameterException if a value is out of range
     */
    public BurnSpec {
        Params.BURN_DURATION_MS.check(durationMs);
        Params.COMPLEXITY.check(complexity);
    }
}
