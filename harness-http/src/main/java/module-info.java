/**
 * LoadHarness HTTP API: the Helidon SE JSON API over {@code io.loadharness.core}, with Prometheus
 * metrics, health endpoints and a generated OpenAPI document.
 *
 * <p>Start at {@link io.loadharness.http.HarnessServer} for a server of its own, or
 * {@link io.loadharness.http.HarnessApi#register} to mount the API on another Helidon application.
 */
module io.loadharness.http {
    requires transitive io.loadharness.core;
    requires transitive io.helidon.webserver;
    requires transitive io.helidon.config;
    requires io.helidon.config.yaml;
    requires io.helidon.http.media.jsonp;
    requires io.helidon.webclient.api;
    requires io.helidon.webclient.http1;
    requires io.helidon.webserver.observe;
    requires io.helidon.webserver.observe.health;
    requires io.helidon.health;
    requires jakarta.json;
    requires io.prometheus.metrics.core;
    requires io.prometheus.metrics.model;
    requires io.prometheus.metrics.instrumentation.jvm;
    requires io.prometheus.writer.text;

    exports io.loadharness.http;
}
