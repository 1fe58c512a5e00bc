package io.loadharness.core.params;

import java.util.List;

/**
 * A cluster fan-out: {@code requests} calls, {@code concurrency} in flight, each asking the target to
 * perform {@code iterations} of fixed work.
 *
 * @param concurrency calls in flight, 1-100
 * @param iterations  work per call, 1,000-10,000,000
 * @param requests    calls in all, 1-10,000 (defaults to the concurrency when parsed from a request)
 */
public record FanOutSpec(int concurrency, int iterations, int requests) {

    /** The parameters {@code concurrency}, {@code iterations} and {@code requests}. */
    public static final ParamSet<FanOutSpec> PARAMS = new ParamSet<>("cluster",
            List.of(Params.CONCURRENCY, Params.ITERATIONS, Params.REQUESTS),
            v -> {
                int concurrency = v.get(Params.CONCURRENCY);
                int requests = v.has(Params.REQUESTS) ? v.get(Params.REQUESTS) : concurrency;
                return new FanOutSpec(concurrency, v.get(Params.ITERATIONS), requests);
            });

    /**
     * @throws InvalidParameterException if a value is out of range
     */
    public FanOutSpec {
        Params.CONCURRENCY.check(concurrency);
        Params.ITERATIONS.check(iterations);
        Params.REQUESTS.check(requests);
    }
}
