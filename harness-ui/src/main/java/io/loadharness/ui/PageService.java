package io.loadharness.ui;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.loadharness.core.LoadHarness;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code GET /ui}: the whole dashboard, whose panels are the same partial templates their fragment
 * routes render, so the first render and later swaps cannot drift apart. The live-metrics panel and the
 * charts' history are the exception: they load right after the page, so a slow or black-holed
 * Prometheus never delays the page itself.
 */
final class PageService implements HttpService {

    private final LoadHarness harness;
    private final Views views;
    private final String environment;
    private final String podName;
    private final Duration chartWindow;

    PageService(LoadHarness harness, Views views, String environment, String podName, Duration chartWindow) {
        this.harness = harness;
        this.views = views;
        this.environment = environment;
        this.podName = podName;
        this.chartWindow = chartWindow;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::page);
    }

    private void page(ServerRequest req, ServerResponse res) {
        Map<String, Object> model = new HashMap<>();
        model.put("environment", environment);
        model.put("podName", podName);
        model.put("tabs", Forms.tabs(views.base()));
        model.put("jobs", JobsService.view(harness, ""));
        model.put("chartWindowSeconds", chartWindow.toSeconds());
        views.send(res, "dashboard", model);
    }
}
