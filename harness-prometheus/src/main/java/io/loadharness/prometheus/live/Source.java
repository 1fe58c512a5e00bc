package io.loadharness.prometheus.live;

/**
 * Where the figures of a snapshot or history came from.
 */
public enum Source {
    /** Prometheus, through the configured {@link QueryProfile}: every pod of the deployment. */
    PROMETHEUS,
    /** This process alone, measured directly, because Prometheus could not be reached. */
    LOCAL
}
