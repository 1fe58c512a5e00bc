package io.loadharness.core.params;

import java.util.List;

/**
 * A one-shot memory hold: allocate {@code sizeMb} resident, hold for {@code durationMs}, release.
 *
 * @param sizeMb     memory to allocate, 10-500 MB (MiB)
 * @param durationMs hold time, 100-10000 ms
 */
public record MemoryHoldSpec(int sizeMb, int durationMs) {

    /** The parameters {@code size_mb} and {@code duration_ms}. */
    public static final ParamSet<MemoryHoldSpec> PARAMS = new ParamSet<>("memory_hold",
            List.of(Params.SIZE_MB, Params.HOLD_DURATION_MS),
            v -> new MemoryHoldSpec(v.get(Params.SIZE_MB), v.get(Params.HOLD_DURATION_MS)));

    /**
     * @throws InvalidParameterException if a value is out of range
     */
    public MemoryHoldSpec {
        Params.SIZE_MB.check(sizeMb);
        Params.HOLD_DURATION_MS.check(durationMs);
    }
}
