package io.loadharness.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.OutputStream;

/** Prometheus exposition of this API's registry at {@code /metrics}, text format 0.0.4. */
final class MetricsService implements HttpService {

    private final HttpMetrics metrics;

    MetricsService(HttpMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/metrics", this::scrape);
    }

    private void scrape(ServerRequest req, ServerResponse res) throws Exception {
        res.header(HeaderNames.CONTENT_TYPE, HttpMetrics.CONTENT_TYPE);
        try (OutputStream out = res.outputStream()) {
            metrics.writeTo(out);
        }
    }
}
