/**
 * LoadHarness dashboard: the server-rendered Pebble + htmx + Chart.js pages over harness-core, and the
 * standalone full server.
 *
 * <p>Start at {@link io.loadharness.ui.Dashboard} to mount the dashboard on a Helidon SE routing, or
 * run {@link io.loadharness.ui.Main} for the full server.
 */
module io.loadharness.ui {
    requires transitive io.loadharness.core;
    requires transitive io.helidon.webserver;
    requires transitive io.loadharness.http;
    requires transitive io.loadharness.prometheus;
    requires io.pebbletemplates;
    // Pebble is an automatic module and cannot declare what it needs; these resolve its dependencies.
    requires org.slf4j;
    requires unbescape;

    exports io.loadharness.ui;

    // Pebble reads the template models (package-private records) reflectively.
    opens io.loadharness.ui to io.pebbletemplates;
}
