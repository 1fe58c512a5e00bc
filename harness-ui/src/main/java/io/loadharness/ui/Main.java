package io.loadharness.ui;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.loadharness.http.HarnessApi;
import io.loadharness.http.HarnessServer;
import io.loadharness.http.HarnessSettings;
import io.loadharness.prometheus.live.LiveMetrics;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The full LoadHarness server: the JSON API, the dashboard, {@code /metrics}, health and OpenAPI on
 * one port, configured by {@code application.yaml} and the environment (see {@link HarnessSettings}).
 * {@code /} redirects to the dashboard at {@code /ui}. SIGTERM stops the server and every job.
 *
 * <pre>{@code
 * PORT=8080 ENVIRONMENT=local java -jar harness-ui/target/loadharness.jar
 * }</pre>
 */
public final class Main {

    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    private Main() {
    }

    /**
     * Starts the server and prints the dashboard's URL; exits with status 2 on bad configuration.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        HarnessSettings settings;
        try {
            settings = HarnessSettings.fromEnvironment();
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, "bad configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        LoadHarnessServer server;
        try {
            server = start(settings, System.getenv(), true);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, "bad configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        String host = settings.host().equals("0.0.0.0") || settings.host().equals("::") ? "localhost" : settings.host();
        System.out.println("LoadHarness dashboard: http://" + host + ":" + server.port() + "/ui"
                + " (pod " + server.harness().podName() + ", environment " + settings.environment() + ")");
    }

    /**
     * Builds and starts the full server with a harness of its own, closed when the server stops.
     *
     * @param settings     where to listen and what to report
     * @param environment  environment variables for the live metrics ({@code PROMETHEUS_URL}, ...) and the
     *                     charts' window ({@value HarnessUi#CHART_WINDOW_VARIABLE}), usually {@link System#getenv()}
     * @param shutdownHook whether SIGTERM stops the server and its jobs (true for a process)
     * @return the running server
     * @throws IllegalArgumentException if a live-metrics variable is malformed (the message names it)
     */
    public static LoadHarnessServer start(HarnessSettings settings, Map<String, String> environment,
                                          boolean shutdownHook) {
        // The server builds (and owns) the harness and the API; the routing runs at start, once both exist.
        AtomicReference<HarnessServer> server = new AtomicReference<>();
        AtomicReference<LiveMetrics> metrics = new AtomicReference<>();
        server.set(HarnessServer.builder()
                .settings(settings)
                .shutdownHook(shutdownHook)
                .routing(rules -> metrics.set(routing(rules, server.get().api(), environment)))
                .build());
        try {
            server.get().start();
        } catch (RuntimeException e) {
            server.get().stop();
            if (metrics.get() != null) {
                metrics.get().close();
            }
            throw e;
        }
        return new LoadHarnessServer(server.get(), metrics.get());
    }

    /**
     * Adds the dashboard and the root redirect to a routing that already holds the API at its root.
     *
     * @param rules       the routing
     * @param api         the API mounted at the root
     * @param environment environment variables for the live metrics
     * @return the live metrics the dashboard reads; the caller closes them
     */
    static LiveMetrics routing(HttpRouting.Builder rules, HarnessApi api, Map<String, String> environment) {
        LiveMetrics metrics = HarnessUi.liveMetrics(api, environment);
        String path = HarnessUi.dashboard(api.harness(), api.settings(), "", environment)
                .liveMetrics(metrics)
                .build()
                .register(rules, "");
        rules.get("/", (req, res) -> res.status(Status.FOUND_302).header(HeaderNames.LOCATION, path).send());
        return metrics;
    }
}
