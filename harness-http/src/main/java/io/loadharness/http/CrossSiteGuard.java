package io.loadharness.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses a mutating API request that a browser sent on behalf of another site: {@code Sec-Fetch-Site}
 * {@code cross-site} or {@code same-site}, or an {@code Origin} other than the host addressed. A web
 * page can send a bodiless {@code POST} without a CORS preflight, and an empty body means every
 * default, so without this check any page a cluster user visits could start load. Clients that are not
 * browsers (curl, the fan-out transport, scripts) send neither header and pass.
 */
final class CrossSiteGuard implements Filter {

    private static final HeaderName SEC_FETCH_SITE = HeaderNames.create("Sec-Fetch-Site");
    private static final Set<Method> SAFE = Set.of(Method.GET, Method.HEAD, Method.OPTIONS);

    private final String prefix;

    CrossSiteGuard(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!SAFE.contains(req.prologue().method()) && AccessControl.isApiPath(RequestObserver.relative(prefix, req.path().path()))) {
            refusal(req.headers().first(SEC_FETCH_SITE), req.headers().first(HeaderNames.ORIGIN),
                    req.headers().first(HeaderNames.HOST)).ifPresent(reason -> {
                        throw ProblemException.forbidden(reason);
                    });
        }
        chain.proceed();
    }

    /**
     * @return why the request is refused, or empty when it is not a browser's cross-site request
     */
    static Optional<String> refusal(Optional<String> fetchSite, Optional<String> origin, Optional<String> host) {
        String site = fetchSite.map(s -> s.strip().toLowerCase(Locale.ROOT)).orElse("");
        if (site.equals("cross-site") || site.equals("same-site")) {
            return Optional.of("cross-site requests may not change the load (Sec-Fetch-Site: " + site + ")");
        }
        if (origin.isPresent() && !sameAuthority(origin.get(), host.orElse(""))) {
            return Optional.of("cross-site requests may not change the load (the Origin does not match the host)");
        }
        return Optional.empty();
    }

    private static boolean sameAuthority(String origin, String host) {
        try {
            URI uri = new URI(origin.strip());
            return uri.getScheme() != null && uri.getRawAuthority() != null
                    && uri.getRawAuthority().equalsIgnoreCase(host.strip());
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
