package io.loadharness.ui;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Registered after every other dashboard service: any other path under the dashboard is a 404 error
 * fragment with the dashboard's security headers, never the server's bare default page.
 */
final class NotFoundService implements HttpService {

    private final Views views;

    NotFoundService(Views views) {
        this.views = views;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any("/*", this::notFound);
    }

    private void notFound(ServerRequest req, ServerResponse res) {
        String path = req.path().path();
        views.error(res, Status.NOT_FOUND_404, "Not found",
                "Nothing here: " + (path.length() <= 80 ? path : path.substring(0, 80) + "..."));
    }
}
