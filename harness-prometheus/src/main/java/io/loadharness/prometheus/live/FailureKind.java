package io.loadharness.prometheus.live;

import io.loadharness.prometheus.ErrorKind;

/**
 * Why a figure has no value. The first five mirror {@link ErrorKind}; the others are about the answer
 * rather than the query.
 */
public enum FailureKind {
    /** Prometheus could not be connected to. */
    UNREACHABLE,
    /** Prometheus did not answer in time. */
    TIMEOUT,
    /** An HTTP error without a Prometheus error body. */
    HTTP_ERROR,
    /** Prometheus rejected or failed the query, e.g. bad PromQL. */
    PROMETHEUS_ERROR,
    /** The answer was not valid Prometheus API JSON. */
    MALFORMED_RESPONSE,
    /** The query succeeded but there is nothing to show: no series, or NaN (e.g. no requests to average). */
    NO_DATA,
    /** The query returned more than one series or a non-numeric result; it must aggregate to one number. */
    NOT_A_SINGLE_NUMBER,
    /** The local fallback could not measure it, e.g. no {@code /proc}, or no earlier sample to diff against yet. */
    NOT_MEASURED;

    /**
     * @param kind a client error class
     * @return the matching failure kind
     */
    public static FailureKind of(ErrorKind kind) {
        return switch (kind) {
            case UNREACHABLE -> UNREACHABLE;
            case TIMEOUT -> TIMEOUT;
            case HTTP_ERROR -> HTTP_ERROR;
            case PROMETHEUS_ERROR -> PROMETHEUS_ERROR;
            case MALFORMED_RESPONSE -> MALFORMED_RESPONSE;
        };
    }
}
