package io.loadharness.ui;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Serves the dashboard's static files from this module: {@code GET /assets/{name}}. Only the files
 * listed here exist, so no request can walk the resource tree; each is read once and revalidated by
 * its ETag.
 */
final class AssetService implements HttpService {

    private static final String ROOT = "io/loadharness/ui/assets/";

    private final Map<String, Asset> assets;

    AssetService() {
        this.assets = Map.of(
                "dashboard.css", load("dashboard.css", "text/css; charset=UTF-8"),
                "dashboard.js", load("dashboard.js", "text/javascript; charset=UTF-8"),
                "charts.js", load("charts.js", "text/javascript; charset=UTF-8"),
                "theme.js", load("theme.js", "text/javascript; charset=UTF-8"),
                "favicon.svg", load("favicon.svg", "image/svg+xml"),
                "htmx.min.js", load("vendor/htmx/dist/htmx.min.js", "text/javascript; charset=UTF-8"),
                "chart.umd.js", load("vendor/chartjs/dist/chart.umd.js", "text/javascript; charset=UTF-8"));
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/assets/{name}", this::serve);
    }

    private void serve(ServerRequest req, ServerResponse res) {
        Asset asset = assets.get(req.path().pathParameters().get("name"));
        Views.securityHeaders(res);
        if (asset == null) {
            res.status(Status.NOT_FOUND_404).header(HeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8")
                    .send("no such asset");
            return;
        }
        res.header(HeaderNames.ETAG, asset.etag());
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        boolean fresh = req.headers().first(HeaderNames.IF_NONE_MATCH).map(asset.etag()::equals).orElse(false);
        if (fresh) {
            res.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, asset.contentType());
        res.send(asset.bytes());
    }

    private static Asset load(String path, String contentType) {
        try (InputStream in = AssetService.class.getModule().getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new IllegalStateException("dashboard asset missing from the jar: " + ROOT + path);
            }
            byte[] bytes = in.readAllBytes();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new Asset(bytes, contentType, "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dashboard asset " + path, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * One file.
     *
     * @param bytes       its content
     * @param contentType its media type
     * @param etag        a quoted digest of the content
     */
    private record Asset(byte[] bytes, String contentType, String etag) {
    }
}
