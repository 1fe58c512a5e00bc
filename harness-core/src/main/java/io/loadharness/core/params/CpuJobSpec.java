package io.loadharness.core.params;

import java.util.List;

/**
 * A sustained CPU job: {@code cores} workers, each busy {@code intensity * 10%} of the time, for
 * {@code durationSeconds}.
 *
 * @param cores           worker threads, 1 to the available processors
 * @param durationSeconds run time, 10-300 s
 * @param intensity       duty cycle in tenths, 1-10
 */
public record CpuJobSpec(int cores, int durationSeconds, int intensity) {

    /** The parameters {@code cores}, {@code duration_seconds} and {@code intensity}. */
    public static final ParamSet<CpuJobSpec> PARAMS = new ParamSet<>("cpu_job",
            List.of(Params.CORES, Params.CPU_DURATION_SECONDS, Params.INTENSITY),
            v -> new CpuJobSpec(v.get(Params.CORES), v.get(Params.CPU_DURATION_SECONDS), v.get(Params.INTENSITY)));

    /**
     * @throws InvalidParameterException if a value is out of range
     */
    public CpuJobSpec {
        Params.CORES.check(cores);
        Params.CPU_DURATION_SECONDS.check(durationSeconds);
        Params.INTENSITY.check(intensity);
    }

    /**
     * @return the fraction of time each worker should be busy, 0.1-1.0
     */
    public double targetUtilization() {
        return intensity / 10.0;
    }
}
