package io.loadharness.core.fanout;

import java.time.Duration;

/**
 * One call of a fan-out to its target, abstracted so the core needs no HTTP. harness-http supplies
 * the HTTP transport; tests and embedders can supply their own.
 *
 * <p>Implementations are called from many virtual threads at once and must be thread-safe. They
 * should honour the timeout themselves; the engine also interrupts a call that outlives it.
 *
 * <pre>{@code
 * Transport local = (iterations, timeout) -> {
 *     CpuWork.work(new WorkSpec(iterations));
 *     return CallResult.ok("local");
 * };
 * }</pre>
 */
@FunctionalInterface
public interface Transport {

    /**
     * Asks the target to perform {@code iterations} of fixed work.
     *
     * @param iterations work units for the target, 1,000-10,000,000
     * @param timeout    time the call may take
     * @return what happened; failures are results, not exceptions
     * @throws InterruptedException if the call was interrupted (by the timeout watchdog or a cancel)
     * @throws Exception            on any other failure; the engine records it as an error
     */
    CallResult call(int iterations, Duration timeout) throws Exception;
}
