package io.loadharness.ui;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders templates into responses with the dashboard's security headers; every HTML response of the
 * dashboard goes through here.
 */
final class Views {

    /** The page and its fragments load only what this server serves; nothing inline, no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; base-uri 'none'; object-src 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    static final HeaderName CSP = HeaderNames.create("Content-Security-Policy");
    static final HeaderName REFERRER_POLICY = HeaderNames.create("Referrer-Policy");
    static final HeaderName X_FRAME_OPTIONS = HeaderNames.create("X-Frame-Options");
    static final HeaderName HX_TRIGGER = HeaderNames.create("HX-Trigger");

    private final Templates templates;
    private final String base;

    /**
     * @param templates the engine
     * @param base      the dashboard's path, e.g. {@code /ui} or {@code /loadharness/ui}
     */
    Views(Templates templates, String base) {
        this.templates = templates;
        this.base = base;
    }

    /** @return the dashboard's path, e.g. {@code /ui} */
    String base() {
        return base;
    }

    /**
     * @param name  the template
     * @param model its variables; {@code base} is added
     * @return the HTML
     */
    String render(String name, Map<String, Object> model) {
        Map<String, Object> all = new HashMap<>(model);
        all.put("base", base);
        return templates.render(name, all);
    }

    /**
     * Sends a rendered template with status 200.
     */
    void send(ServerResponse res, String name, Map<String, Object> model) {
        send(res, Status.OK_200, name, model);
    }

    /**
     * Sends a rendered template with the given status.
     */
    void send(ServerResponse res, Status status, String name, Map<String, Object> model) {
        byte[] body = render(name, model).getBytes(StandardCharsets.UTF_8);
        res.status(status);
        securityHeaders(res);
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=UTF-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(body);
    }

    /**
     * Sends the error fragment.
     *
     * @param status  a 4xx (or 503) status htmx is configured to swap
     * @param title   a short heading, e.g. {@code Invalid value}
     * @param message the reason, shown escaped
     */
    void error(ServerResponse res, Status status, String title, String message) {
        send(res, status, "partials/error", Map.of("error", new ErrorView(title, message, status.code())));
    }

    /** Adds the headers every dashboard response carries. */
    static void securityHeaders(ServerResponse res) {
        res.header(CSP, CONTENT_SECURITY_POLICY);
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.header(REFERRER_POLICY, "no-referrer");
        res.header(X_FRAME_OPTIONS, "DENY");
    }

    /**
     * The error fragment's model.
     *
     * @param title   short heading
     * @param message the reason
     * @param status  the HTTP status code
     */
    record ErrorView(String title, String message, int status) {
    }
}
