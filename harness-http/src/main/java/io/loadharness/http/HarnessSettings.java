package io.loadharness.http;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.loadharness.core.Limits;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Everything the HTTP API is configured with: where the server listens, which environment it runs
 * in, the pod name it reports, the fan-out target, and the core {@link Limits}.
 *
 * <p>Settings come from {@code application.yaml} on the class path, each key overridable by an
 * environment variable:
 * <table>
 * <caption>Configuration keys</caption>
 * <tr><th>environment variable</th><th>config key</th><th>default</th></tr>
 * <tr><td>{@code PORT}</td><td>{@code server.port}</td><td>8080</td></tr>
 * <tr><td>{@code HOST}</td><td>{@code server.host}</td><td>0.0.0.0</td></tr>
 * <tr><td>{@code ENVIRONMENT}</td><td>{@code harness.environment}</td><td>local</td></tr>
 * <tr><td>{@code POD_NAME}</td><td>{@code harness.pod-name}</td><td>HOSTNAME or the host name</td></tr>
 * <tr><td>{@code HARNESS_CLUSTER_URL}</td><td>{@code harness.cluster-url}</td><td>this server when local,
 * else {@value #IN_CLUSTER_URL}</td></tr>
 * <tr><td>{@code HARNESS_MEMORY_BUDGET_MB}</td><td>{@code harness.limits.memory-budget-mb}</td><td>half the memory</td></tr>
 * <tr><td>{@code HARNESS_MAX_JOBS}</td><td>{@code harness.limits.max-jobs}</td><td>20</td></tr>
 * <tr><td>{@code HARNESS_MAX_CPU_WORKERS}</td><td>{@code harness.limits.max-cpu-workers}</td><td>every core</td></tr>
 * <tr><td>{@code HARNESS_MAX_FANOUTS}</td><td>{@code harness.limits.max-fanouts}</td><td>4</td></tr>
 * <tr><td>{@code HARNESS_FANOUT_RATE}</td><td>{@code harness.limits.fanout-rate}</td><td>5000 calls/s</td></tr>
 * <tr><td>{@code HARNESS_FANOUT_CALL_TIMEOUT_MS}</td><td>{@code harness.limits.fanout-call-timeout-ms}</td><td>10000</td></tr>
 * <tr><td>{@code HARNESS_FANOUT_DEADLINE_MS}</td><td>{@code harness.limits.fanout-deadline-ms}</td><td>120000</td></tr>
 * </table>
 *
 * <p>{@value #API_TOKEN_VARIABLE} is read from the environment only, never from {@code application.yaml}:
 * a secret belongs in a Kubernetes Secret, not in a file inside the jar. When it is set, every mutating
 * route requires it (see {@link ApiToken}); reads, {@code /metrics} and health stay open.
 *
 * <pre>{@code
 * HarnessSettings settings = HarnessSettings.fromEnvironment();
 * HarnessSettings forTests = HarnessSettings.builder().host("127.0.0.1").port(0).limits(limits).build();
 * }</pre>
 *
 * @param port        TCP port, 0-65535; 0 picks a free port
 * @param host        address to bind, e.g. {@code 0.0.0.0}
 * @param environment deployment environment; {@code local} makes the fan-out target this server
 * @param podName     pod name to report, or null for the core's detection ({@code POD_NAME},
 *                    {@code HOSTNAME}, host name)
 * @param clusterUrl  base URL of the fan-out target, or null for the default of the environment
 * @param limits      the ceilings every load is checked against
 * @param apiToken    the token every mutating route requires, or null for open access
 */
public record HarnessSettings(int port, String host, String environment, String podName, URI clusterUrl,
                              Limits limits, ApiToken apiToken) {

    /** The environment variable that holds the API token; unset or blank means open access. */
    public static final String API_TOKEN_VARIABLE = "HARNESS_API_TOKEN";

    /** The fan-out target outside {@code local}: the LoadHarness Kubernetes Service. */
    public static final String IN_CLUSTER_URL = "http://load-harness.applications.svc.cluster.local";

    /** The environment in which the fan-out target is this server itself. */
    public static final String LOCAL = "local";

    private static final String YAML = "application.yaml";

    /** Environment variable to config key, in the order of the table above. */
    private static final Map<String, String> ENV_TO_KEY = orderedKeys();

    /**
     * @throws IllegalArgumentException if a value is out of range (the message names it)
     * @throws NullPointerException     if host, environment or limits is null
     */
    public HarnessSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(limits, "limits");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (environment.isBlank()) {
            throw new IllegalArgumentException("environment must not be blank");
        }
        if (podName != null && podName.isBlank()) {
            throw new IllegalArgumentException("podName must not be blank");
        }
        if (clusterUrl != null) {
            checkClusterUrl(clusterUrl);
        }
    }

    /**
     * @return a builder with the defaults: port 8080, host 0.0.0.0, environment {@code local}, no pod
     *         name or cluster URL, {@link Limits#defaults()}, no API token
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads {@code application.yaml} from the class path, overridden by the process environment.
     *
     * @return the settings
     * @throws IllegalArgumentException if a value is malformed or out of range; the message names the
     *                                  environment variable and the config key
     */
    public static HarnessSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Reads {@code application.yaml} from the class path, overridden by the given environment
     * variables (see the table in the class description), and the API token from
     * {@value #API_TOKEN_VARIABLE}. Blank values count as unset.
     *
     * @param environment variables by name, e.g. {@code System.getenv()}
     * @return the settings
     * @throws IllegalArgumentException if a value is malformed or out of range; the message names the
     *                                  environment variable and the config key
     */
    public static HarnessSettings fromEnvironment(Map<String, String> environment) {
        ApiToken token = apiToken(environment.get(API_TOKEN_VARIABLE));
        return fromConfig(config(environment)).withApiToken(token);
    }

    private static ApiToken apiToken(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return ApiToken.of(raw.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid configuration " + API_TOKEN_VARIABLE + ": " + e.getMessage(), e);
        }
    }

    private static Config config(Map<String, String> environment) {
        Map<String, String> overrides = new HashMap<>();
        ENV_TO_KEY.forEach((variable, key) -> {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                overrides.put(key, value.strip());
            }
        });
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(List.of(() -> ConfigSources.create(overrides).name("environment").build(),
                        () -> ConfigSources.classpath(YAML).optional().build()))
                .build();
        return config;
    }

    /**
     * Reads the settings from Helidon config (the keys in the table of the class description); absent
     * keys take their defaults. The API token is never read from config: set it with
     * {@link #withApiToken(ApiToken)} or {@link Builder#apiToken(ApiToken)}.
     *
     * @param config the root config node
     * @return the settings
     * @throws IllegalArgumentException if a value is malformed or out of range; the message names the
     *                                  config key and its environment variable
     */
    public static HarnessSettings fromConfig(Config config) {
        Objects.requireNonNull(config, "config");
        Builder builder = builder();
        intKey(config, "server.port", value -> {
            if (value < 0 || value > 65_535) {
                throw new IllegalArgumentException("must be between 0 and 65535, was " + value);
            }
            builder.port(value.intValue());
        });
        text(config, "server.host").ifPresent(builder::host);
        text(config, "harness.environment").ifPresent(builder::environment);
        text(config, "harness.pod-name").ifPresent(builder::podName);
        text(config, "harness.cluster-url").ifPresent(raw -> guarded("harness.cluster-url",
                () -> builder.clusterUrl(parseUrl(raw))));

        Limits.Builder limits = Limits.builder();
        limitKey(config, "harness.limits.memory-budget-mb", (b, v) -> b.memoryBudgetBytes(Math.multiplyExact(v, 1L << 20)), limits);
        limitKey(config, "harness.limits.max-jobs", (b, v) -> b.maxConcurrentJobs(toInt(v)), limits);
        limitKey(config, "harness.limits.max-cpu-workers", (b, v) -> b.maxCpuWorkers(toInt(v)), limits);
        limitKey(config, "harness.limits.max-fanouts", (b, v) -> b.maxConcurrentFanOuts(toInt(v)), limits);
        limitKey(config, "harness.limits.fanout-rate", (b, v) -> b.maxFanOutRate(toInt(v)), limits);
        limitKey(config, "harness.limits.fanout-call-timeout-ms", (b, v) -> b.fanOutCallTimeout(Duration.ofMillis(v)), limits);
        limitKey(config, "harness.limits.fanout-deadline-ms", (b, v) -> b.fanOutDeadline(Duration.ofMillis(v)), limits);
        return builder.limits(limits.build()).build();
    }

    /**
     * @param token the token every mutating route requires, or null for open access
     * @return these settings with that token
     */
    public HarnessSettings withApiToken(ApiToken token) {
        return new HarnessSettings(port, host, environment, podName, clusterUrl, limits, token);
    }

    /**
     * @return the API token, if access control is on
     */
    public Optional<ApiToken> apiTokenIfSet() {
        return Optional.ofNullable(apiToken);
    }

    /**
     * @return whether the bind address is a loopback address, reachable from this host only
     */
    public boolean isLoopback() {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            // Literal addresses only: a host name is not resolved here, and counts as reachable.
            return java.net.InetAddress.ofLiteral(bare).isLoopbackAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * @return whether the environment is {@value #LOCAL}
     */
    public boolean isLocal() {
        return LOCAL.equals(environment);
    }

    /**
     * @return the configured cluster URL, if any
     */
    public Optional<URI> clusterUrlOverride() {
        return Optional.ofNullable(clusterUrl);
    }

    /**
     * @return the environment variables this class reads, mapped to their config keys
     */
    public static Map<String, String> environmentKeys() {
        return ENV_TO_KEY;
    }

    private static Map<String, String> orderedKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("PORT", "server.port");
        keys.put("HOST", "server.host");
        keys.put("ENVIRONMENT", "harness.environment");
        keys.put("POD_NAME", "harness.pod-name");
        keys.put("HARNESS_CLUSTER_URL", "harness.cluster-url");
        keys.put("HARNESS_MEMORY_BUDGET_MB", "harness.limits.memory-budget-mb");
        keys.put("HARNESS_MAX_JOBS", "harness.limits.max-jobs");
        keys.put("HARNESS_MAX_CPU_WORKERS", "harness.limits.max-cpu-workers");
        keys.put("HARNESS_MAX_FANOUTS", "harness.limits.max-fanouts");
        keys.put("HARNESS_FANOUT_RATE", "harness.limits.fanout-rate");
        keys.put("HARNESS_FANOUT_CALL_TIMEOUT_MS", "harness.limits.fanout-call-timeout-ms");
        keys.put("HARNESS_FANOUT_DEADLINE_MS", "harness.limits.fanout-deadline-ms");
        return Collections.unmodifiableMap(keys);
    }

    private static String describe(String key) {
        for (Map.Entry<String, String> entry : ENV_TO_KEY.entrySet()) {
            if (entry.getValue().equals(key)) {
                return entry.getKey() + " (" + key + ")";
            }
        }
        return key;
    }

    private static Optional<String> text(Config config, String key) {
        return config.get(key).asString().asOptional().map(String::strip).filter(s -> !s.isEmpty());
    }

    private static void intKey(Config config, String key, Consumer<Long> use) {
        text(config, key).ifPresent(raw -> guarded(key, () -> use.accept(parseLong(raw))));
    }

    private static void limitKey(Config config, String key, BiConsumer<Limits.Builder, Long> set, Limits.Builder target) {
        text(config, key).ifPresent(raw -> guarded(key, () -> {
            long value = parseLong(raw);
            // Validate this one value alone so that the error names this key, with core's own range.
            Limits.Builder probe = Limits.builder();
            set.accept(probe, value);
            probe.build();
            set.accept(target, value);
        }));
    }

    private static void guarded(String key, Runnable action) {
        try {
            action.run();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid configuration " + describe(key) + ": " + e.getMessage(), e);
        }
    }

    private static long parseLong(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number, was '" + shorten(raw) + "'");
        }
    }

    private static int toInt(long value) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("out of range, was " + value);
        }
        return (int) value;
    }

    private static URI parseUrl(String raw) {
        try {
            URI uri = new URI(raw);
            checkClusterUrl(uri);
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("must be an http or https URL, was '" + shorten(raw) + "'");
        }
    }

    private static void checkClusterUrl(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("clusterUrl must be an http or https URL with a host and no query, was '"
                    + shorten(uri.toString()) + "'");
        }
    }

    private static String shorten(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "...";
    }

    /** Builds {@link HarnessSettings}; unset values keep their defaults. */
    public static final class Builder {
        private int port = 8080;
        private String host = "0.0.0.0";
        private String environment = LOCAL;
        private String podName;
        private URI clusterUrl;
        private Limits limits = Limits.defaults();
        private ApiToken apiToken;

        private Builder() {
        }

        /**
         * @param port TCP port, 0-65535; 0 picks a free port
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * @param host address to bind, e.g. {@code 127.0.0.1}
         * @return this builder
         */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /**
         * @param environment deployment environment; {@code local} makes this server the fan-out target
         * @return this builder
         */
        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        /**
         * @param podName pod name to report, or null for the core's detection
         * @return this builder
         */
        public Builder podName(String podName) {
            this.podName = podName;
            return this;
        }

        /**
         * @param clusterUrl base URL of the fan-out target (http or https), or null for the default
         * @return this builder
         */
        public Builder clusterUrl(URI clusterUrl) {
            this.clusterUrl = clusterUrl;
            return this;
        }

        /**
         * @param limits the ceilings every load is checked against
         * @return this builder
         */
        public Builder limits(Limits limits) {
            this.limits = limits;
            return this;
        }

        /**
         * @param apiToken the token every mutating route requires, or null (default) for open access
         * @return this builder
         */
        public Builder apiToken(ApiToken apiToken) {
            this.apiToken = apiToken;
            return this;
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException if a value is out of range (named in the message)
         */
        public HarnessSettings build() {
            return new HarnessSettings(port, host, environment, podName, clusterUrl, limits, apiToken);
        }
    }
}
