package io.loadharness.http;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.loadharness.core.LoadHarness;
import java.util.Objects;

/**
 * Mounts the whole LoadHarness API on a Helidon SE routing, under a prefix of the caller's choice,
 * around a {@link LoadHarness} the caller owns: the JSON routes, their error handling, the
 * {@code X-Pod-Name} header, Prometheus metrics at {@code {prefix}/metrics}, health at
 * {@code {prefix}/health/live|ready} and the OpenAPI document at {@code {prefix}/openapi}. When the
 * settings hold an {@link ApiToken}, every mutating route under the prefix requires it as a bearer token;
 * a mutating request a browser sends on behalf of another site is refused with 403 either way.
 *
 * <pre>{@code
 * HttpRouting.Builder routing = HttpRouting.builder();
 * HarnessApi api = HarnessApi.register(routing, "/harness", harness, HarnessSettings.fromEnvironment());
 * WebServer.builder().routing(routing).build().start();
 * }</pre>
 *
 * <p>Error handlers are registered for the API's and core's own exception types only, so the
 * application's other error handling is untouched; requests outside the prefix are not observed.
 */
public final class HarnessApi {

    private final String prefix;
    private final LoadHarness harness;
    private final HarnessSettings settings;
    private final HttpMetrics metrics;

    private HarnessApi(String prefix, LoadHarness harness, HarnessSettings settings) {
        this.prefix = prefix;
        this.harness = harness;
        this.settings = settings;
        this.metrics = new HttpMetrics(harness);
    }

    /**
     * Mounts the API.
     *
     * @param routing  the application's routing; routes are added in the order of this call
     * @param prefix   where to mount, e.g. {@code /harness}; empty or {@code /} for the root. Must start
     *                 with {@code /}, must not end with one, and may hold letters, digits, {@code -_.~/}
     * @param harness  the harness the API drives; the caller keeps ownership and closes it
     * @param settings the environment, cluster target and limits the API reports and uses (the limits
     *                 in force are the harness's own)
     * @return the handle to the mounted API
     * @throws IllegalArgumentException if the prefix is malformed
     * @throws NullPointerException     if an argument is null
     */
    public static HarnessApi register(HttpRouting.Builder routing, String prefix, LoadHarness harness,
                                      HarnessSettings settings) {
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(harness, "harness");
        Objects.requireNonNull(settings, "settings");
        String normalized = normalize(prefix);
        HarnessApi api = new HarnessApi(normalized, harness, settings);
        api.mount(routing);
        return api;
    }

    /**
     * @return the prefix the API is mounted under; empty for the root
     */
    public String prefix() {
        return prefix;
    }

    /**
     * @return this API's metrics, including its request totals
     */
    public HttpMetrics metrics() {
        return metrics;
    }

    /**
     * @return the harness the API drives
     */
    public LoadHarness harness() {
        return harness;
    }

    /**
     * @return the settings the API was mounted with
     */
    public HarnessSettings settings() {
        return settings;
    }

    private void mount(HttpRouting.Builder routing) {
        new ErrorMapping(harness.podName()).register(routing);
        routing.addFilter(new RequestObserver(prefix, harness, metrics));
        routing.addFilter(new CrossSiteGuard(prefix));
        settings.apiTokenIfSet().ifPresent(token -> routing.addFilter(new AccessControl(prefix, token)));
        ClusterService cluster = new ClusterService(harness, settings, prefix);
        HttpService[] services = {
                new CpuService(harness),
                new MemoryService(harness),
                new JobsService(harness),
                cluster,
                new SystemService(harness, settings, cluster),
                new MetricsService(metrics),
                new OpenApiService(prefix, SystemService.readVersion())
        };
        HarnessHealth.register(routing, prefix, harness);
        if (prefix.isEmpty()) {
            routing.register(services);
            routing.register(new FallbackService());
        } else {
            routing.register(prefix, services);
            routing.register(prefix, new FallbackService());
        }
    }

    static String normalize(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty() || prefix.equals("/")) {
            return "";
        }
        if (!prefix.startsWith("/") || prefix.endsWith("/") || !prefix.matches("[A-Za-z0-9\\-_.~/]+")
                || prefix.contains("//")) {
            throw new IllegalArgumentException("prefix must start with '/', not end with '/', and hold only letters, "
                    + "digits and -_.~/, was '" + prefix + "'");
        }
        return prefix;
    }
}
