package io.loadharness.examples.embedhelidon;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.loadharness.core.LoadHarness;
import io.loadharness.http.HarnessSettings;
import io.loadharness.ui.HarnessUi;
import java.util.Map;

/**
 * An existing Helidon SE service with its own routes ({@code /greet}) that mounts the LoadHarness API
 * and dashboard under {@code /harness} with one call.
 *
 * <pre>{@code
 * ./mvnw -B -q install -DskipTests && ./mvnw -q -pl examples/embed-helidon exec:java
 * curl localhost:8080/greet/Ada                       # the service's own route
 * open http://localhost:8080/harness/ui               # the mounted dashboard
 * }</pre>
 */
public final class GreetingApp {

    /** Where LoadHarness is mounted. */
    public static final String HARNESS_PREFIX = "/harness";

    private GreetingApp() {
    }

    /**
     * Starts the service on {@code PORT} (default 8080) and stops the load on shutdown.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        HarnessSettings settings = HarnessSettings.fromEnvironment();
        LoadHarness harness = LoadHarness.builder().limits(settings.limits()).podName(settings.podName()).build();
        HttpRouting.Builder routing = HttpRouting.builder();
        HarnessUi ui = routing(routing, harness, settings, System.getenv());
        WebServer server = WebServer.builder().host(settings.host()).port(settings.port()).routing(routing).build().start();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            server.stop();
            ui.close();
            harness.close();
        }));
        System.out.println("greeting service: http://localhost:" + server.port() + "/greet, LoadHarness: http://localhost:"
                + server.port() + HARNESS_PREFIX + "/ui");
    }

    /**
     * The service's routing: its own routes, and LoadHarness under {@link #HARNESS_PREFIX}. Tests reuse it.
     *
     * @param routing     the routing to add to
     * @param harness     the harness the mounted API and dashboard drive; the caller closes it
     * @param settings    environment, pod name, cluster target and limits
     * @param environment variables for the dashboard's live metrics, e.g. {@code PROMETHEUS_URL}
     * @return the mounted LoadHarness; close it on shutdown
     */
    public static HarnessUi routing(HttpRouting.Builder routing, LoadHarness harness, HarnessSettings settings,
                                    Map<String, String> environment) {
        routing.register("/greet", new GreetingService());
        return HarnessUi.register(routing, HARNESS_PREFIX, harness, settings, environment);
    }
}
