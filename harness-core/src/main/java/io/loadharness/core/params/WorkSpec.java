package io.loadharness.core.params;

import java.util.List;

/**
 * A fixed amount of CPU work: the unit each pod performs in a cluster fan-out.
 *
 * @param iterations units of work, 1,000-10,000,000
 */
public record WorkSpec(int iterations) {

    /** The parameter {@code iterations}. */
    public static final ParamSet<WorkSpec> PARAMS = new ParamSet<>("cpu_work",
            List.of(Params.ITERATIONS), v -> new WorkSpec(v.get(Params.ITERATIONS)));

    /**
     * @throws InvalidParameterException if the value is out of range
     */
    public WorkSpec {
        Params.ITERATIONS.check(iterations);
    }
}
