package io.loadharness.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Set;

/**
 * Requires {@code Authorization: Bearer <token>} on every request under the API's prefix whose method
 * is not safe (anything but GET, HEAD and OPTIONS) when an {@link ApiToken} is configured; answers 401
 * with {@code WWW-Authenticate: Bearer} otherwise. Reads, {@code /metrics} and health stay open, and
 * requests outside the API's paths (the embedding application's own, e.g. the dashboard) pass untouched.
 */
final class AccessControl implements Filter {

    private static final Set<Method> SAFE = Set.of(Method.GET, Method.HEAD, Method.OPTIONS);

    private final String prefix;
    private final ApiToken token;

    AccessControl(String prefix, ApiToken token) {
        this.prefix = prefix;
        this.token = token;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!SAFE.contains(req.prologue().method()) && isApiPath(RequestObserver.relative(prefix, req.path().path()))
                && !token.matchesAuthorization(req.headers().first(HeaderNames.AUTHORIZATION))) {
            throw ProblemException.unauthorized("this route changes the load and requires the API token: "
                    + "send Authorization: Bearer <HARNESS_API_TOKEN>");
        }
        chain.proceed();
    }

    /**
     * The API's own paths: its routes, and anything under {@code /load} or {@code /system} (unknown
     * paths there are the API's 404s, so a caller without the token learns nothing from them). Other
     * paths belong to the application the API is mounted on, e.g. the dashboard, which guards its own.
     */
    static boolean isApiPath(String relative) {
        return relative != null && (!ApiRoutes.template(relative).equals(ApiRoutes.UNMATCHED)
                || relative.equals("/load") || relative.startsWith("/load/")
                || relative.equals("/system") || relative.startsWith("/system/"));
    }
}
