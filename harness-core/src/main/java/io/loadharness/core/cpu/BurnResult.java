package io.loadharness.core.cpu;

/**
 * What a one-shot burn did.
 *
 * @param durationMs measured busy time in milliseconds
 * @param iterations iterations completed
 * @param complexity rounds of mixing per iteration
 * @param checksum   the result of the work, so it cannot be optimised away
 */
public record BurnResult(double durationMs, long iterations, int complexity, long checksum) {
}
