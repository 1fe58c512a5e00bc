/**
 * The dashboard's live metrics. Start at {@link io.loadharness.prometheus.live.LiveMetrics}:
 * {@code snapshot()} gives a {@link io.loadharness.prometheus.live.MetricsSnapshot} of five
 * {@link io.loadharness.prometheus.live.Figure}s, {@code history(window)} a
 * {@link io.loadharness.prometheus.live.MetricsHistory} for charts; the PromQL lives in
 * {@link io.loadharness.prometheus.live.QueryProfile}, and the no-Prometheus fallback reads this server's
 * {@link io.loadharness.prometheus.live.LocalRequestStats}.
 */
package io.loadharness.prometheus.live;
