package io.loadharness.ui;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.loadharness.http.ApiToken;
import java.util.Optional;

/**
 * When {@code HARNESS_API_TOKEN} is set, every mutating dashboard route (each {@code POST} under
 * {@code /partials/}) requires the session cookie that {@link LoginService} sets, or the API's bearer
 * token; without either it answers 401 with the error fragment pointing at the sign-in page. Reads
 * stay open. Registered before the services it guards, so it sees their requests first.
 */
final class SessionGate implements HttpService {

    /** The session cookie's name. */
    static final String COOKIE = "loadharness_session";

    private final ApiToken token;
    private final Views views;

    SessionGate(ApiToken token, Views views) {
        this.token = token;
        this.views = views;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/partials/*", this::check)
                .put("/partials/*", this::check)
                .patch("/partials/*", this::check)
                .delete("/partials/*", this::check);
    }

    private void check(ServerRequest req, ServerResponse res) {
        if (signedIn(req)) {
            res.next();
            return;
        }
        views.error(res, Status.UNAUTHORIZED_401, "Sign in required",
                "This dashboard is protected by an access token. Sign in at " + views.base() + "/login, then try again.");
    }

    private boolean signedIn(ServerRequest req) {
        Optional<String> session = req.headers().cookies().first(COOKIE).asOptional();
        return token.matchesSession(session.orElse(null))
                || token.matchesAuthorization(req.headers().first(HeaderNames.AUTHORIZATION));
    }
}
