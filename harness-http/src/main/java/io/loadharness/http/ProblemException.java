package io.loadharness.http;

import io.helidon.http.Status;
import java.util.Collection;
import java.util.Map;

/**
 * A client error the API answers with a problem document; thrown by request parsing and routing
 * fallbacks, rendered in one place by {@link ErrorMapping}. The detail is safe to show to a user.
 */
final class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Status status;
    private final String type;
    private final String field;
    private final transient Map<String, String> headers;

    private ProblemException(Status status, String type, String detail, String field, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.field = field;
        this.headers = Map.copyOf(headers);
    }

    static ProblemException malformedJson(String detail) {
        return new ProblemException(Status.BAD_REQUEST_400, Problems.MALFORMED_JSON, detail, null, Map.of());
    }

    static ProblemException invalidField(String field, String detail) {
        return new ProblemException(Status.BAD_REQUEST_400, Problems.INVALID_FIELD, detail, field, Map.of());
    }

    static ProblemException unsupportedMediaType(String given) {
        return new ProblemException(Status.UNSUPPORTED_MEDIA_TYPE_415, Problems.BLANK,
                "Content-Type must be application/json, was " + given, null, Map.of());
    }

    static ProblemException payloadTooLarge(int maxBytes) {
        return new ProblemException(Status.REQUEST_ENTITY_TOO_LARGE_413, Problems.BLANK,
                "request body must be at most " + maxBytes + " bytes", null, Map.of("Connection", "close"));
    }

    static ProblemException methodNotAllowed(String method, Collection<String> allowed) {
        String allow = String.join(", ", allowed);
        return new ProblemException(Status.METHOD_NOT_ALLOWED_405, Problems.BLANK,
                "method " + method + " is not allowed here; allowed: " + allow, null, Map.of("Allow", allow));
    }

    static ProblemException notFound(String detail) {
        return new ProblemException(Status.NOT_FOUND_404, Problems.BLANK, detail, null, Map.of());
    }

    static ProblemException unauthorized(String detail) {
        return new ProblemException(Status.UNAUTHORIZED_401, Problems.UNAUTHORIZED, detail, null,
                Map.of("WWW-Authenticate", "Bearer realm=\"loadharness\""));
    }

    static ProblemException forbidden(String detail) {
        return new ProblemException(Status.FORBIDDEN_403, Problems.BLANK, detail, null, Map.of());
    }

    static ProblemException unavailable(String detail) {
        return new ProblemException(Status.SERVICE_UNAVAILABLE_503, Problems.BLANK, detail, null,
                Map.of("Retry-After", "5"));
    }

    Status status() {
        return status;
    }

    String type() {
        return type;
    }

    String field() {
        return field;
    }

    Map<String, String> headers() {
        return headers;
    }
}
