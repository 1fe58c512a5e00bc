/**
 * A typed client for the Prometheus HTTP API v1. Start at {@link io.loadharness.prometheus.PrometheusClient};
 * every query returns a {@link io.loadharness.prometheus.QueryResult}: a
 * {@link io.loadharness.prometheus.QuerySuccess} holding {@link io.loadharness.prometheus.ResultData}, or a
 * classified {@link io.loadharness.prometheus.QueryError}.
 */
package io.loadharness.prometheus;
