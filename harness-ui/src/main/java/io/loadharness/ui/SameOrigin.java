package io.loadharness.ui;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses cross-site requests to the dashboard's mutating routes: a request passes when
 * {@code Sec-Fetch-Site} is absent, {@code same-origin} or {@code none}, and its {@code Origin}, if
 * any, names the host the request was sent to. Anything else gets 403 and the error fragment.
 */
final class SameOrigin implements Handler {

    static final HeaderName SEC_FETCH_SITE = HeaderNames.create("Sec-Fetch-Site");

    private final Views views;

    SameOrigin(Views views) {
        this.views = views;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        Optional<String> refusal = refusal(req.headers().first(SEC_FETCH_SITE),
                req.headers().first(HeaderNames.ORIGIN), req.headers().first(HeaderNames.HOST));
        if (refusal.isPresent()) {
            views.error(res, Status.FORBIDDEN_403, "Cross-site request refused", refusal.get());
        } else {
            res.next();
        }
    }

    /**
     * @return why the request is refused, or empty when it is same-origin
     */
    static Optional<String> refusal(Optional<String> fetchSite, Optional<String> origin, Optional<String> host) {
        if (fetchSite.isPresent()) {
            String site = fetchSite.get().strip().toLowerCase(Locale.ROOT);
            if (!site.equals("same-origin") && !site.equals("none")) {
                return Optional.of("This action must be sent from the dashboard itself (Sec-Fetch-Site: "
                        + shorten(site) + ").");
            }
        }
        if (origin.isPresent()) {
            String authority = authority(origin.get());
            if (authority == null || host.isEmpty() || !authority.equalsIgnoreCase(host.get().strip())) {
                return Optional.of("This action must be sent from the dashboard itself (Origin "
                        + shorten(origin.get()) + " does not match the host).");
            }
        }
        return Optional.empty();
    }

    private static String authority(String origin) {
        try {
            URI uri = new URI(origin.strip());
            return uri.getScheme() == null ? null : uri.getRawAuthority();
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }
}
