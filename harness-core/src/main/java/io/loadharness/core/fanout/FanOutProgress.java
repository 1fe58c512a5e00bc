package io.loadharness.core.fanout;

/**
 * A running fan-out at one moment, for callers that show live progress.
 *
 * @param total          calls asked for
 * @param done           calls finished, successfully or not
 * @param succeeded      calls that succeeded
 * @param failed         calls that failed
 * @param elapsedSeconds time since the fan-out started
 * @param currentRps     calls finished during the last second
 * @param finished       whether the fan-out has ended
 */
public record FanOutProgress(int total, int done, int succeeded, int failed, double elapsedSeconds,
                             double currentRps, boolean finished) {

    /**
     * @return the finished fraction, 0-1
     */
    public double fraction() {
        return total == 0 ? 1.0 : (double) done / total;
    }
}
