package io.loadharness.ui;

import io.helidon.webserver.http.HttpRouting;
import io.loadharness.core.LoadHarness;
import io.loadharness.http.HarnessApi;
import io.loadharness.http.HarnessSettings;
import io.loadharness.http.HttpMetrics;
import io.loadharness.http.HttpTransport;
import io.loadharness.prometheus.live.LiveMetrics;
import io.loadharness.prometheus.live.LocalRequestStats;
import java.time.Duration;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * Mounts the whole of LoadHarness on another Helidon SE application in one call: the JSON API,
 * {@code /metrics}, health and OpenAPI (through {@link HarnessApi}) and the dashboard at
 * {@code {prefix}/ui}, every link and htmx URL following the prefix.
 *
 * <pre>{@code
 * HttpRouting.Builder routing = HttpRouting.builder();
 * HarnessUi ui = HarnessUi.register(routing, "/loadharness", harness, HarnessSettings.fromEnvironment());
 * WebServer.builder().routing(routing).build().start();   // dashboard at /loadharness/ui
 * }</pre>
 */
public final class HarnessUi implements AutoCloseable {

    /** The environment variable with the charts' window in seconds, 10-3600; default 60. */
    public static final String CHART_WINDOW_VARIABLE = "DASHBOARD_CHART_WINDOW_SECONDS";

    private final HarnessApi api;
    private final String dashboardPath;
    private final LiveMetrics liveMetrics;

    private HarnessUi(HarnessApi api, String dashboardPath, LiveMetrics liveMetrics) {
        this.api = api;
        this.dashboardPath = dashboardPath;
        this.liveMetrics = liveMetrics;
    }

    /**
     * Mounts the API and the dashboard, with live metrics configured from the process environment
     * ({@code PROMETHEUS_URL}, ... and {@value #CHART_WINDOW_VARIABLE}).
     *
     * @param routing  the application's routing
     * @param prefix   where to mount, e.g. {@code /loadharness}; empty for the root
     * @param harness  the harness both drive; the caller keeps ownership and closes it
     * @param settings environment, pod name, cluster target and limits
     * @return the handle to what was mounted; close it to stop the live metrics
     * @throws IllegalArgumentException if the prefix or a live-metrics variable is malformed
     */
    public static HarnessUi register(HttpRouting.Builder routing, String prefix, LoadHarness harness,
                                     HarnessSettings settings) {
        return register(routing, prefix, harness, settings, System.getenv());
    }

    /**
     * Mounts the API and the dashboard, with live metrics configured from the given variables.
     *
     * @param routing     the application's routing
     * @param prefix      where to mount, e.g. {@code /loadharness}; empty for the root
     * @param harness     the harness both drive; the caller keeps ownership and closes it
     * @param settings    environment, pod name, cluster target and limits
     * @param environment variables such as {@code PROMETHEUS_URL} and {@value #CHART_WINDOW_VARIABLE}
     * @return the handle to what was mounted; close it to stop the live metrics
     * @throws IllegalArgumentException if the prefix or a variable is malformed
     */
    public static HarnessUi register(HttpRouting.Builder routing, String prefix, LoadHarness harness,
                                     HarnessSettings settings, Map<String, String> environment) {
        Objects.requireNonNull(routing, "routing");
        HarnessApi api = HarnessApi.register(routing, prefix, harness, settings);
        LiveMetrics metrics = liveMetrics(api, environment);
        try {
            String path = dashboard(harness, settings, api.prefix(), environment)
                    .liveMetrics(metrics)
                    .build()
                    .register(routing, api.prefix());
            return new HarnessUi(api, path, metrics);
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
    }

    /**
     * Live metrics from the environment, falling back to the API's own request totals.
     */
    static LiveMetrics liveMetrics(HarnessApi api, Map<String, String> environment) {
        HttpMetrics totals = api.metrics();
        // The query profile and the default Prometheus URL follow the environment the API runs in.
        Map<String, String> variables = new HashMap<>(environment);
        variables.putIfAbsent("ENVIRONMENT", api.settings().environment());
        return LiveMetrics.fromEnvironment(variables, new LocalRequestStats() {
            @Override
            public long requestCount() {
                return totals.requestCount();
            }

            @Override
            public double requestSecondsSum() {
                return totals.requestSecondsSum();
            }
        });
    }

    /**
     * A dashboard builder configured from the settings, for an API already mounted under {@code apiPrefix}.
     *
     * @param harness     the harness
     * @param settings    the settings
     * @param apiPrefix   where the API is mounted; a local cluster run calls this server there
     * @param environment variables; {@value #CHART_WINDOW_VARIABLE} sets the charts' window
     * @return the builder, ready to build
     * @throws IllegalArgumentException if the chart window is malformed or out of range
     */
    static Dashboard.Builder dashboard(LoadHarness harness, HarnessSettings settings, String apiPrefix,
                                       Map<String, String> environment) {
        Dashboard.Builder builder = Dashboard.builder()
                .harness(harness)
                .environment(settings.environment())
                .chartWindow(chartWindow(environment))
                .clusterTargets(clusterTargets(settings, apiPrefix))
                .apiToken(settings.apiToken());
        if (settings.podName() != null) {
            builder.podName(settings.podName());
        }
        return builder;
    }

    private static Duration chartWindow(Map<String, String> environment) {
        String raw = environment.get(CHART_WINDOW_VARIABLE);
        if (raw == null || raw.isBlank()) {
            return Duration.ofSeconds(60);
        }
        try {
            long seconds = Long.parseLong(raw.strip());
            if (seconds < 10 || seconds > 3600) {
                throw new IllegalArgumentException(CHART_WINDOW_VARIABLE + " must be between 10 and 3600, was " + seconds);
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(CHART_WINDOW_VARIABLE + " must be between 10 and 3600, was '"
                    + (raw.length() > 20 ? raw.substring(0, 20) + "..." : raw) + "'", e);
        }
    }

    /**
     * The fan-out target as the API itself resolves it: the configured cluster URL; else this server
     * (on the port the request arrived on) in the {@code local} environment; else the in-cluster Service.
     */
    static IntFunction<ClusterService.ClusterTarget> clusterTargets(HarnessSettings settings, String apiPrefix) {
        Map<URI, ClusterService.ClusterTarget> transports = new ConcurrentHashMap<>();
        return port -> {
            URI target = settings.clusterUrlOverride().orElseGet(() -> settings.isLocal()
                    ? URI.create("http://127.0.0.1:" + port + apiPrefix)
                    : URI.create(HarnessSettings.IN_CLUSTER_URL));
            return transports.computeIfAbsent(target, uri -> new ClusterService.ClusterTarget(
                    HttpTransport.builder()
                            .target(uri)
                            .connectTimeout(settings.limits().fanOutCallTimeout())
                            .apiToken(settings.apiToken())
                            .build(),
                    uri.toString()));
        };
    }

    /**
     * @return the mounted API, with its metrics
     */
    public HarnessApi api() {
        return api;
    }

    /**
     * @return the dashboard's path, e.g. {@code /loadharness/ui}
     */
    public String dashboardPath() {
        return dashboardPath;
    }

    /**
     * @return the live metrics the dashboard shows
     */
    public LiveMetrics liveMetrics() {
        return liveMetrics;
    }

    /** Stops the live metrics; the routes stay mounted but the panel reports them closed. */
    @Override
    public void close() {
        liveMetrics.close();
    }
}
