package io.loadharness.prometheus;

import java.time.Duration;
import java.util.Objects;

/**
 * A query that failed, classified. Every variant carries a {@link #reason()} fit to show a person.
 */
public sealed interface QueryError extends QueryResult {

    /** Longest HTTP body kept in an {@link HttpError}, so a proxy's HTML page does not flood logs. */
    int MAX_BODY_CHARS = 512;

    /**
     * @return the class of failure
     */
    ErrorKind kind();

    /**
     * @return a one-line explanation for people, e.g. {@code "Prometheus error bad_data: parse error ..."}
     */
    String reason();

    /**
     * Prometheus could not be connected to.
     *
     * @param detail what the network layer said, e.g. {@code "Connection refused"}
     */
    record Unreachable(String detail) implements QueryError {

        /**
         * @throws NullPointerException if detail is null
         */
        public Unreachable {
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public ErrorKind kind() {
            return ErrorKind.UNREACHABLE;
        }

        @Override
        public String reason() {
            return "Prometheus unreachable: " + detail;
        }
    }

    /**
     * No complete answer arrived within the timeout.
     *
     * @param after the timeout that expired
     */
    record Timeout(Duration after) implements QueryError {

        /**
         * @throws NullPointerException if after is null
         */
        public Timeout {
            Objects.requireNonNull(after, "after");
        }

        @Override
        public ErrorKind kind() {
            return ErrorKind.TIMEOUT;
        }

        @Override
        public String reason() {
            return "Prometheus did not answer within " + after.toMillis() + " ms";
        }
    }

    /**
     * An HTTP error status whose body is not a Prometheus error, e.g. 502 from a proxy or 401 from an
     * authenticating gateway.
     *
     * @param status the HTTP status code, 300-599
     * @param body   the start of the response body, at most {@link #MAX_BODY_CHARS} characters
     */
    record HttpError(int status, String body) implements QueryError {

        /**
         * @throws NullPointerException if body is null
         */
        public HttpError {
            Objects.requireNonNull(body, "body");
            body = body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) : body;
        }

        @Override
        public ErrorKind kind() {
            return ErrorKind.HTTP_ERROR;
        }

        @Override
        public String reason() {
            String oneLine = body.strip().replaceAll("\\s+", " ");
            return "HTTP " + status + (oneLine.isEmpty() ? "" : ": " + oneLine);
        }
    }

    /**
     * Prometheus rejected or failed the query and said why.
     *
     * @param errorType  its {@code errorType}, e.g. {@code bad_data}, {@code execution}, {@code timeout}
     * @param error      its {@code error} message
     * @param httpStatus the HTTP status it came with, e.g. 400 or 422
     */
    record PrometheusError(String errorType, String error, int httpStatus) implements QueryError {

        /**
         * @throws NullPointerException if errorType or error is null
         */
        public PrometheusError {
            Objects.requireNonNull(errorType, "errorType");
            Objects.requireNonNull(error, "error");
        }

        @Override
        public ErrorKind kind() {
            return ErrorKind.PROMETHEUS_ERROR;
        }

        @Override
        public String reason() {
            return "Prometheus error " + errorType + ": " + error;
        }
    }

    /**
     * The answer was not valid Prometheus API JSON.
     *
     * @param detail what was wrong, e.g. {@code "data.resultType missing"}
     */
    record MalformedResponse(String detail) implements QueryError {

        /**
         * @throws NullPointerException if detail is null
         */
        public MalformedResponse {
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public ErrorKind kind() {
            return ErrorKind.MALFORMED_RESPONSE;
        }

        @Override
        public String reason() {
            return "malformed Prometheus response: " + detail;
        }
    }
}
