package io.loadharness.ui;

import io.helidon.webserver.http.HttpRouting;
import io.loadharness.core.LoadHarness;
import io.loadharness.core.fanout.Transport;
import io.loadharness.http.ApiToken;
import io.loadharness.prometheus.live.LiveMetrics;
import java.time.Duration;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * The LoadHarness dashboard: the {@code /ui} page and its htmx fragments over a {@link LoadHarness}
 * in this process. Only the cluster fan-out leaves the process, through the {@link Transport} given.
 *
 * <pre>{@code
 * Dashboard dashboard = Dashboard.builder().harness(harness).environment("staging").build();
 * HttpRouting.Builder routing = HttpRouting.builder();
 * dashboard.register(routing, "/loadharness");   // the page is now at /loadharness/ui
 * }</pre>
 *
 * <p>Every link and htmx URL the dashboard renders starts with the prefix it was registered under.
 * With an {@link Builder#apiToken(ApiToken) access token}, every mutating route requires the session
 * cookie set by {@code /ui/login}.
 */
public final class Dashboard {

    private final LoadHarness harness;
    private final String environment;
    private final String podName;
    private final IntFunction<ClusterService.ClusterTarget> clusterTargets;
    private final Duration chartWindow;
    private final LiveMetrics liveMetrics;
    private final ApiToken apiToken;
    private final Templates templates = new Templates();

    private Dashboard(Builder builder) {
        this.harness = builder.harness;
        this.environment = builder.environment;
        this.podName = builder.podName != null ? builder.podName : harness.podName();
        this.clusterTargets = builder.clusterTargets;
        this.chartWindow = builder.chartWindow;
        this.liveMetrics = builder.liveMetrics;
        this.apiToken = builder.apiToken;
    }

    /**
     * @return a builder; {@link Builder#harness(LoadHarness)} is required
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Mounts the page at {@code prefix + "/ui"} and its fragments and assets below it.
     *
     * @param routing the routing to add to
     * @param prefix  a path prefix such as {@code /loadharness}, or empty (or {@code /}) for none
     * @return the dashboard's path, e.g. {@code /loadharness/ui}
     * @throws IllegalArgumentException if the prefix is not a plain path
     */
    public String register(HttpRouting.Builder routing, String prefix) {
        String base = basePath(prefix);
        Views views = new Views(templates, base);
        SameOrigin sameOrigin = new SameOrigin(views);
        MetricsService metrics = new MetricsService(liveMetrics, views);
        if (apiToken != null) {
            // First, so that it sees every mutating request before the service that would act on it.
            routing.register(base, new SessionGate(apiToken, views));
        }
        routing.register(base,
                new LoginService(apiToken, views, sameOrigin),
                new PageService(harness, views, environment, podName, chartWindow),
                metrics,
                new CpuService(harness, views, sameOrigin),
                new MemoryService(harness, views, sameOrigin),
                new ClusterService(harness, clusterTargets, views, sameOrigin),
                new JobsService(harness, views, sameOrigin),
                new SystemInfoService(harness),
                new AssetService(),
                new NotFoundService(views));
        return base;
    }

    /**
     * @param prefix a path prefix, or empty
     * @return {@code prefix + "/ui"} with one leading slash and no trailing one
     */
    static String basePath(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        String p = prefix.strip();
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!p.isEmpty() && !p.startsWith("/")) {
            p = "/" + p;
        }
        if (!p.matches("(/[A-Za-z0-9._~-]+)*") || p.matches(".*/\\.+(/.*)?")) {
            throw new IllegalArgumentException("prefix must be a plain path such as /loadharness, was '" + prefix + "'");
        }
        return p + "/ui";
    }

    /** Builds a {@link Dashboard}. */
    public static final class Builder {
        private LoadHarness harness;
        private String environment = "local";
        private String podName;
        private IntFunction<ClusterService.ClusterTarget> clusterTargets = port -> null;
        private Duration chartWindow = Duration.ofSeconds(60);
        private LiveMetrics liveMetrics;
        private ApiToken apiToken;

        private Builder() {
        }

        /**
         * @param apiToken the access token every mutating dashboard route requires (as the session cookie
         *                 that {@code /ui/login} sets, or as a bearer token), or null (default) for an open
         *                 dashboard
         * @return this builder
         */
        public Builder apiToken(ApiToken apiToken) {
            this.apiToken = apiToken;
            return this;
        }

        /**
         * @param harness the harness the dashboard drives, in this process; required
         * @return this builder
         */
        public Builder harness(LoadHarness harness) {
            this.harness = Objects.requireNonNull(harness, "harness");
            return this;
        }

        /**
         * @param environment shown as the header's badge, e.g. {@code local} or {@code staging}; default {@code local}
         * @return this builder
         */
        public Builder environment(String environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * @param podName shown in the header; defaults to the harness's pod name
         * @return this builder
         */
        public Builder podName(String podName) {
            this.podName = podName;
            return this;
        }

        /**
         * @param transport how cluster fan-out calls reach the cluster; without one the Cluster tab reports
         *                  that no cluster is configured
         * @param target    where the calls go, shown with results, e.g. the Service URL
         * @return this builder
         */
        public Builder cluster(Transport transport, String target) {
            ClusterService.ClusterTarget fixed = new ClusterService.ClusterTarget(
                    Objects.requireNonNull(transport, "transport"), Objects.requireNonNull(target, "target"));
            this.clusterTargets = port -> fixed;
            return this;
        }

        /**
         * @param targets the cluster for the local port a request arrived on, or null for none
         * @return this builder
         */
        Builder clusterTargets(IntFunction<ClusterService.ClusterTarget> targets) {
            this.clusterTargets = Objects.requireNonNull(targets, "targets");
            return this;
        }

        /**
         * @param liveMetrics the live-metrics panel's figures and chart history; the caller keeps ownership
         *                    and closes them. Without them the panel says live metrics are not configured.
         * @return this builder
         */
        public Builder liveMetrics(LiveMetrics liveMetrics) {
            this.liveMetrics = Objects.requireNonNull(liveMetrics, "liveMetrics");
            return this;
        }

        /**
         * @param window how much history the charts show, 10 s to 1 h; default 60 s
         * @return this builder
         */
        public Builder chartWindow(Duration window) {
            this.chartWindow = Objects.requireNonNull(window, "window");
            return this;
        }

        /**
         * @return the dashboard
         * @throws IllegalArgumentException if the harness is missing or a value is out of range (named in the message)
         */
        public Dashboard build() {
            if (harness == null) {
                throw new IllegalArgumentException("harness is required");
            }
            if (environment.isBlank()) {
                throw new IllegalArgumentException("environment must not be blank");
            }
            long seconds = chartWindow.toSeconds();
            if (seconds < 10 || seconds > 3600) {
                throw new IllegalArgumentException("chart_window_seconds must be between 10 and 3600, was " + seconds);
            }
            return new Dashboard(this);
        }
    }
}
