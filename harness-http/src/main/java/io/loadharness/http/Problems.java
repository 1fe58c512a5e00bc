package io.loadharness.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.ByteArrayOutputStream;
import java.util.Map;

/**
 * Writes RFC 9457 problem documents ({@code application/problem+json}): {@code type}, {@code title},
 * {@code status}, {@code detail}, and {@code field} or {@code limit} where one applies.
 */
final class Problems {

    /** Content type of every error response. */
    static final String CONTENT_TYPE = "application/problem+json";

    /** The problem is fully described by its HTTP status. */
    static final String BLANK = "about:blank";
    static final String MALFORMED_JSON = "urn:loadharness:problem:malformed-json";
    static final String INVALID_FIELD = "urn:loadharness:problem:invalid-field";
    static final String UNKNOWN_FIELD = "urn:loadharness:problem:unknown-field";
    static final String UNKNOWN_JOB = "urn:loadharness:problem:unknown-job";
    static final String LIMIT_EXCEEDED = "urn:loadharness:problem:limit-exceeded";
    static final String UNAUTHORIZED = "urn:loadharness:problem:unauthorized";
    static final String INTERNAL = "urn:loadharness:problem:internal-error";

    private Problems() {
    }

    /**
     * Sends a problem; the response must not have been sent yet.
     *
     * @param res     the response
     * @param status  HTTP status
     * @param type    problem type URI
     * @param detail  what went wrong, safe to show
     * @param extra   additional members (e.g. field, limit); values are strings
     * @param headers additional response headers
     */
    static void send(ServerResponse res, Status status, String type, String detail, Map<String, String> extra,
                     Map<String, String> headers) {
        JsonObjectBuilder body = JsonMapping.object()
                .add("type", type)
                .add("title", status.reasonPhrase())
                .add("status", status.code())
                .add("detail", detail == null ? status.reasonPhrase() : detail);
        extra.forEach(body::add);
        headers.forEach(res::header);
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        res.send(toBytes(body.build()));
    }

    private static byte[] toBytes(JsonObject object) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (var writer = JsonMapping.writer(out)) {
            writer.writeObject(object);
        }
        return out.toByteArray();
    }
}
