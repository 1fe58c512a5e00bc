package io.loadharness.core.cpu;

/**
 * What a fixed amount of work took.
 *
 * @param iterations iterations completed
 * @param durationMs measured time in milliseconds
 * @param checksum   the result of the work, so it cannot be optimised away
 */
public record WorkResult(int iterations, double durationMs, long checksum) {
}
