package io.loadharness.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.loadharness.core.HarnessClosedException;
import io.loadharness.core.LimitExceededException;
import io.loadharness.core.jobs.UnknownJobException;
import io.loadharness.core.params.InvalidParameterException;
import io.loadharness.core.params.UnknownParameterException;
import java.util.Locale;
import java.util.Map;

/**
 * The one place where exceptions become HTTP answers: every handler lets core's and the API's own
 * exceptions propagate, and these error handlers render them as problem documents.
 */
final class ErrorMapping {

    private static final System.Logger LOG = System.getLogger(ErrorMapping.class.getName());

    private final String podName;

    ErrorMapping(String podName) {
        this.podName = podName;
    }

    /**
     * Registers handlers for the API's exceptions and core's. They are specific types, so an
     * application that mounts the API keeps its own handling of everything else.
     *
     * @param routing the routing to register on
     */
    void register(HttpRouting.Builder routing) {
        routing.error(ProblemException.class, this::problem)
                .error(InvalidParameterException.class, this::invalidParameter)
                .error(UnknownParameterException.class, this::unknownParameter)
                .error(UnknownJobException.class, this::unknownJob)
                .error(LimitExceededException.class, this::limitExceeded)
                .error(HarnessClosedException.class, this::closed);
    }

    /**
     * Registers a last-resort handler that answers any other exception with a 500 problem that reveals
     * nothing but an id to find the logged stack trace by. Only for a server the API owns.
     *
     * @param routing the routing to register on
     */
    void registerFallback(HttpRouting.Builder routing) {
        routing.error(HttpException.class, this::http)
                .error(Exception.class, this::unexpected);
    }

    private void problem(ServerRequest req, ServerResponse res, ProblemException e) {
        Map<String, String> extra = e.field() == null ? Map.of() : Map.of("field", e.field());
        send(res, e.status(), e.type(), e.getMessage(), extra, e.headers());
    }

    private void invalidParameter(ServerRequest req, ServerResponse res, InvalidParameterException e) {
        send(res, Status.BAD_REQUEST_400, Problems.INVALID_FIELD, e.getMessage() + ", was " + e.rejectedValue(),
                Map.of("field", e.field()), Map.of());
    }

    private void unknownParameter(ServerRequest req, ServerResponse res, UnknownParameterException e) {
        send(res, Status.BAD_REQUEST_400, Problems.UNKNOWN_FIELD, e.getMessage(), Map.of("field", e.field()), Map.of());
    }

    private void unknownJob(ServerRequest req, ServerResponse res, UnknownJobException e) {
        send(res, Status.NOT_FOUND_404, Problems.UNKNOWN_JOB, e.getMessage(), Map.of(), Map.of());
    }

    private void limitExceeded(ServerRequest req, ServerResponse res, LimitExceededException e) {
        Status status = switch (e.limit()) {
            case CONCURRENT_FAN_OUTS, FAN_OUT_RATE -> Status.TOO_MANY_REQUESTS_429;
            case MEMORY_BUDGET, CONCURRENT_JOBS, CPU_WORKERS -> Status.CONFLICT_409;
        };
        send(res, status, Problems.LIMIT_EXCEEDED, e.getMessage(),
                Map.of("limit", e.limit().name().toLowerCase(Locale.ROOT)), Map.of());
    }

    /** Work that raced with {@code close()}: the harness is shutting down, not broken. */
    private void closed(ServerRequest req, ServerResponse res, HarnessClosedException e) {
        send(res, Status.SERVICE_UNAVAILABLE_503, Problems.BLANK, "the harness is shutting down", Map.of(), Map.of());
    }

    /** Helidon's own client errors (e.g. a malformed chunked body) keep their status. */
    private void http(ServerRequest req, ServerResponse res, HttpException e) {
        if (e.status().family() == Status.Family.SERVER_ERROR) {
            unexpected(req, res, e);
            return;
        }
        send(res, e.status(), Problems.BLANK, e.status().reasonPhrase(), Map.of(), Map.of());
    }

    private void unexpected(ServerRequest req, ServerResponse res, Exception e) {
        String id = Long.toHexString(System.nanoTime());
        LOG.log(System.Logger.Level.ERROR, "unexpected error " + id + " on " + req.prologue().method().text() + " "
                + req.path().path(), e);
        send(res, Status.INTERNAL_SERVER_ERROR_500, Problems.INTERNAL, "unexpected error; reference " + id, Map.of(),
                Map.of());
    }

    private void send(ServerResponse res, Status status, String type, String detail, Map<String, String> extra,
                      Map<String, String> headers) {
        if (res.isSent()) {
            LOG.log(System.Logger.Level.DEBUG, "response already sent; dropping problem: " + detail);
            return;
        }
        res.header(HeaderNames.create(PodHeader.NAME), podName);
        Problems.send(res, status, type, detail, extra, headers);
    }
}
