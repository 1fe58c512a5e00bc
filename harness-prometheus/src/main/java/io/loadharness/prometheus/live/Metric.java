package io.loadharness.prometheus.live;

/**
 * The five figures of the dashboard's live-metrics panel.
 */
public enum Metric {
    /** CPU in use as a percentage of the CPU available (limits in Kubernetes, cores locally). */
    CPU("CPU usage", Unit.PERCENT),
    /** Memory in use as a percentage of the memory available (limits in Kubernetes, a reference locally). */
    MEMORY("Memory usage", Unit.PERCENT),
    /** Pods (or harness instances) running, with the most there may be. */
    PODS("Pod count", Unit.PODS),
    /** HTTP requests per second served by the harness. */
    REQUEST_RATE("Request rate", Unit.REQUESTS_PER_SECOND),
    /** Mean HTTP response time of the harness. */
    RESPONSE_TIME("Avg response time", Unit.MILLISECONDS);

    private final String label;
    private final Unit unit;

    Metric(String label, Unit unit) {
        this.label = label;
        this.unit = unit;
    }

    /**
     * @return the caption the dashboard shows, e.g. {@code "CPU usage"}
     */
    public String label() {
        return label;
    }

    /**
     * @return the unit of the figure's value
     */
    public Unit unit() {
        return unit;
    }
}
