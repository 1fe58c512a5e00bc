package io.loadharness.prometheus.live;

/**
 * This server's own HTTP request totals since it started, for the no-Prometheus fallback. The dashboard
 * implements it from harness-http's {@code http_server_requests_total} and
 * {@code http_server_request_duration_seconds} metrics; {@link LiveMetrics} turns the totals into a rate
 * and a mean from their change between calls.
 *
 * <p>Both methods are called from any thread and must be cheap and non-blocking.
 */
public interface LocalRequestStats {

    /**
     * @return requests completed since start; never decreases
     */
    long requestCount();

    /**
     * @return the sum of the durations of those requests, in seconds; never decreases
     */
    double requestSecondsSum();
}
