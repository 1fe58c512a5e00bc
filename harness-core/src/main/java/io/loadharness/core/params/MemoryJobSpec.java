package io.loadharness.core.params;

import java.util.List;

/**
 * A background memory job: allocate {@code sizeMb} resident and hold it for {@code durationSeconds}.
 *
 * @param sizeMb          memory to allocate, 10-500 MB (MiB)
 * @param durationSeconds hold time, 10-600 s
 */
public record MemoryJobSpec(int sizeMb, int durationSeconds) {

    /** The parameters {@code size_mb} and {@code duration_seconds}. */
    public static final ParamSet<MemoryJobSpec> PARAMS = new ParamSet<>("memory_job",
            List.of(Params.SIZE_MB, Params.MEMORY_DURATION_SECONDS),
            v -> new MemoryJobSpec(v.get(Params.SIZE_MB), v.get(Params.MEMORY_DURATION_SECONDS)));

    /**
     * @throws InvalidParameterException if a value is out of range
     */
    public MemoryJobSpec {
        Params.SIZE_MB.check(sizeMb);
        Params.MEMORY_DURATION_SECONDS.check(durationSeconds);
    }
}
