/**
 * An existing Helidon SE service that mounts LoadHarness under {@code /harness}.
 */
module io.loadharness.examples.embedhelidon {
    requires io.helidon.webserver;
    requires io.loadharness.core;
    requires io.loadharness.http;
    requires io.loadharness.ui;

    exports io.loadharness.examples.embedhelidon;
}
