package io.loadharness.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.loadharness.core.LoadHarness;

/**
 * Sees every request under the API's prefix: stamps {@code X-Pod-Name}, refuses load once the harness
 * is closed (shutting down), and records the request metrics when the response has been sent.
 * Requests outside the prefix (the embedding application's own) pass untouched.
 */
final class RequestObserver implements Filter {

    private final String prefix;
    private final LoadHarness harness;
    private final HttpMetrics metrics;

    RequestObserver(String prefix, LoadHarness harness, HttpMetrics metrics) {
        this.prefix = prefix;
        this.harness = harness;
        this.metrics = metrics;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        String relative = relative(prefix, path);
        if (relative == null) {
            chain.proceed();
            return;
        }
        long start = System.nanoTime();
        String method = req.prologue().method().text();
        String route = ApiRoutes.template(relative);
        res.header(PodHeader.HEADER, harness.podName());
        res.whenSent(() -> metrics.record(method, label(route, req), res.status().code(), System.nanoTime() - start));
        if (harness.isClosed() && relative.startsWith("/load/")) {
            throw ProblemException.unavailable("the harness is shutting down");
        }
        chain.proceed();
    }

    /**
     * The API's own template, else the template of a route the application added to the same routing
     * (known only once routing has matched it), else {@link ApiRoutes#UNMATCHED}. Never the raw path,
     * so the label's values stay few.
     */
    private static String label(String route, RoutingRequest req) {
        if (!route.equals(ApiRoutes.UNMATCHED)) {
            return route;
        }
        return req.matchingPattern().orElse(ApiRoutes.UNMATCHED);
    }

    /**
     * @param prefix the API's prefix, empty for the root
     * @param path   a request path
     * @return the path below the prefix, or null when the path is outside it
     */
    static String relative(String prefix, String path) {
        if (prefix.isEmpty()) {
            return path;
        }
        if (!path.startsWith(prefix)) {
            return null;
        }
        if (path.length() == prefix.length()) {
            return "/";
        }
        return path.charAt(prefix.length()) == '/' ? path.substring(prefix.length()) : null;
    }
}
