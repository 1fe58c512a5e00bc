package io.loadharness.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.Set;

/**
 * Registered after every other service: a known path with another method is a 405 with
 * {@code Allow}; an unknown path under {@code /load} or {@code /system} is a 404 problem.
 */
final class FallbackService implements HttpService {

    @Override
    public void routing(HttpRules rules) {
        for (Map.Entry<String, Set<String>> entry : ApiRoutes.methodsByTemplate().entrySet()) {
            if (entry.getKey().startsWith("/health")) {
                continue;
            }
            Set<String> allowed = entry.getValue();
            rules.any(entry.getKey(), (req, res) -> {
                throw ProblemException.methodNotAllowed(req.prologue().method().text(), allowed);
            });
        }
        rules.any("/load/*", this::notFound)
                .any("/system/*", this::notFound);
    }

    private void notFound(ServerRequest req, ServerResponse res) {
        throw ProblemException.notFound("no such resource: " + shorten(req.path().path()));
    }

    private static String shorten(String path) {
        return path.length() <= 80 ? path : path.substring(0, 80) + "...";
    }
}
