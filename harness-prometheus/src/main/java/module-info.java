/**
 * LoadHarness Prometheus: a typed client for the Prometheus HTTP API v1
 * ({@link io.loadharness.prometheus.PrometheusClient}) and the dashboard's live metrics
 * ({@link io.loadharness.prometheus.live.LiveMetrics}), with a fallback to this process's own figures
 * when Prometheus cannot be reached.
 */
module io.loadharness.prometheus {
    requires io.loadharness.core;
    requires io.helidon.webclient;
    requires jakarta.json;

    exports io.loadharness.prometheus;
    exports io.loadharness.prometheus.live;
}
