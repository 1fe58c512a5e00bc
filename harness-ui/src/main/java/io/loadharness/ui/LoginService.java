package io.loadharness.ui;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.loadharness.http.ApiToken;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code GET /login} shows a one-field form; {@code POST /login} (same-origin only) trades the access
 * token for a session cookie: {@code HttpOnly}, {@code Secure}, {@code SameSite=Strict}, scoped to the
 * dashboard's path, holding {@link ApiToken#sessionValue()} rather than the token. Without a token
 * configured both redirect to the dashboard.
 */
final class LoginService implements HttpService {

    /** A session lasts a working day; signing in again is one paste. */
    static final int MAX_AGE_SECONDS = 12 * 60 * 60;

    private static final String COOKIE_ATTRIBUTES = "%s=%s; Path=%s; Max-Age=%d; HttpOnly; Secure; SameSite=Strict";

    private final ApiToken token;
    private final Views views;
    private final SameOrigin sameOrigin;

    /**
     * @param token the configured token, or null when the dashboard is open
     */
    LoginService(ApiToken token, Views views, SameOrigin sameOrigin) {
        this.token = token;
        this.views = views;
        this.sameOrigin = sameOrigin;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/login", this::form)
                .post("/login", sameOrigin, this::signIn);
    }

    private void form(ServerRequest req, ServerResponse res) {
        if (token == null) {
            redirectToDashboard(res);
            return;
        }
        page(res, Status.OK_200, "");
    }

    private void signIn(ServerRequest req, ServerResponse res) {
        if (token == null) {
            redirectToDashboard(res);
            return;
        }
        String presented;
        try {
            presented = Forms.read(req).get("token");
        } catch (Forms.BadFormException e) {
            page(res, Status.UNPROCESSABLE_CONTENT_422, e.getMessage());
            return;
        }
        if (!token.matches(presented == null ? null : presented.strip())) {
            page(res, Status.UNAUTHORIZED_401, "That is not the access token.");
            return;
        }
        res.header(HeaderNames.SET_COOKIE, COOKIE_ATTRIBUTES.formatted(SessionGate.COOKIE, token.sessionValue(),
                views.base(), MAX_AGE_SECONDS));
        redirectToDashboard(res);
    }

    private void page(ServerResponse res, Status status, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("error", error);
        views.send(res, status, "login", model);
    }

    private void redirectToDashboard(ServerResponse res) {
        Views.securityHeaders(res);
        res.status(Status.SEE_OTHER_303);
        res.header(HeaderNames.LOCATION, views.base() + "/");
        res.send();
    }
}
