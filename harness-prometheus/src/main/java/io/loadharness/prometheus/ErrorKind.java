package io.loadharness.prometheus;

/**
 * The class of a failed query, one per {@link QueryError} variant, for callers that branch on a value
 * rather than a type (templates, metrics labels).
 */
public enum ErrorKind {
    /** No connection could be made: refused, unknown host, no route. */
    UNREACHABLE,
    /** No complete answer within the configured timeout. */
    TIMEOUT,
    /** An HTTP error status without a Prometheus error body, e.g. from a proxy. */
    HTTP_ERROR,
    /** Prometheus answered {@code "status": "error"}, e.g. for a bad PromQL expression. */
    PROMETHEUS_ERROR,
    /** The answer was not the JSON the Prometheus HTTP API v1 documents. */
    MALFORMED_RESPONSE
}
