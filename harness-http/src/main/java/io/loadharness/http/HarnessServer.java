package io.loadharness.http;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.loadharness.core.LoadHarness;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Helidon SE server with the LoadHarness API at its root, plus any routes an extra customizer adds
 * (the dashboard adds its pages this way). Holds no static state: several servers can run in one JVM,
 * each with its own harness and metrics.
 *
 * <pre>{@code
 * try (HarnessServer server = HarnessServer.builder().settings(settings).build().start()) {
 *     System.out.println("listening on " + server.port());
 * }
 * }</pre>
 */
public final class HarnessServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(HarnessServer.class.getName());

    private final HarnessSettings settings;
    private final LoadHarness harness;
    private final boolean ownsHarness;
    private final Consumer<HttpRouting.Builder> routing;
    private final boolean shutdownHook;
    private WebServer server;
    private HarnessApi api;
    private Thread hook;

    private HarnessServer(Builder builder) {
        this.settings = builder.settings;
        this.ownsHarness = builder.harness == null;
        this.harness = ownsHarness
                ? LoadHarness.builder().limits(settings.limits()).podName(settings.podName()).build()
                : builder.harness;
        this.routing = builder.routing;
        this.shutdownHook = builder.shutdownHook;
    }

    /**
     * @return a builder with the settings from {@link HarnessSettings#builder()} defaults, a harness of
     *         its own, no extra routes and no shutdown hook
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts listening. Returns once the port is bound.
     *
     * @return this server
     * @throws IllegalStateException if the server was started before
     */
    public synchronized HarnessServer start() {
        if (server != null) {
            throw new IllegalStateException("the server was already started");
        }
        HttpRouting.Builder rules = HttpRouting.builder();
        api = HarnessApi.register(rules, "", harness, settings);
        new ErrorMapping(harness.podName()).registerFallback(rules);
        routing.accept(rules);
        exposureWarning(settings).ifPresent(warning -> LOG.log(System.Logger.Level.WARNING, warning));
        server = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                .shutdownHook(shutdownHook)
                .routing(rules)
                .build()
                .start();
        if (shutdownHook) {
            // Helidon's own hook stops the server; this one stops every job and frees their memory.
            hook = Thread.ofPlatform().name("loadharness-shutdown").unstarted(this::closeHarnessOnShutdown);
            Runtime.getRuntime().addShutdownHook(hook);
        }
        return this;
    }

    /**
     * The warning logged when the server is reachable from other hosts and anyone who reaches it may
     * start load: it binds a non-loopback address and no API token is set.
     *
     * @param settings the settings to check
     * @return the warning, or empty when the server is loopback-only or guarded by a token
     */
    static Optional<String> exposureWarning(HarnessSettings settings) {
        if (settings.apiToken() != null || settings.isLoopback()) {
            return Optional.empty();
        }
        return Optional.of("LoadHarness listens on " + settings.host() + " without an API token: anyone who can "
                + "reach this port can start CPU, memory and fan-out load. Set " + HarnessSettings.API_TOKEN_VARIABLE
                + " to require a bearer token on every mutating route, or bind HOST=127.0.0.1.");
    }

    private void closeHarnessOnShutdown() {
        int running = harness.runningJobs();
        long heldMb = harness.heldMemoryBytes() >> 20;
        harness.close();
        // Straight to stderr: java.util.logging resets itself in a shutdown hook of its own that runs at
        // the same time as this one, and drops whatever is logged after it.
        System.err.println("INFO: " + HarnessServer.class.getName() + " shutdown: " + running
                + " running jobs stopped, " + heldMb + " MB released; now " + harness.runningJobs() + " jobs running, "
                + (harness.heldMemoryBytes() >> 20) + " MB held");
    }

    /**
     * @return the port the server listens on
     * @throws IllegalStateException if the server is not running
     */
    public synchronized int port() {
        if (server == null || !server.isRunning()) {
            throw new IllegalStateException("the server is not running");
        }
        return server.port();
    }

    /**
     * @return whether the server is listening
     */
    public synchronized boolean isRunning() {
        return server != null && server.isRunning();
    }

    /**
     * @return the mounted API, with its metrics
     * @throws IllegalStateException if the server was never started
     */
    public synchronized HarnessApi api() {
        if (api == null) {
            throw new IllegalStateException("the server was never started");
        }
        return api;
    }

    /**
     * @return the harness this server drives
     */
    public LoadHarness harness() {
        return harness;
    }

    /**
     * @return the settings the server runs with
     */
    public HarnessSettings settings() {
        return settings;
    }

    /**
     * Stops listening, then stops every job and frees all memory if the harness is the server's own.
     * Safe to call more than once.
     */
    public synchronized void stop() {
        if (server != null && server.isRunning()) {
            server.stop();
        }
        if (ownsHarness) {
            harness.close();
        }
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                LOG.log(System.Logger.Level.DEBUG, "already shutting down; the hook runs by itself");
            }
            hook = null;
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Builds a {@link HarnessServer}. */
    public static final class Builder {
        private HarnessSettings settings = HarnessSettings.builder().build();
        private LoadHarness harness;
        private Consumer<HttpRouting.Builder> routing = rules -> { };
        private boolean shutdownHook;

        private Builder() {
        }

        /**
         * @param settings where to listen, environment, pod name, cluster target and limits
         * @return this builder
         */
        public Builder settings(HarnessSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * @param harness a harness the caller owns and closes; by default the server builds one from the
         *                settings and closes it on {@link #stop()}
         * @return this builder
         */
        public Builder harness(LoadHarness harness) {
            this.harness = Objects.requireNonNull(harness, "harness");
            return this;
        }

        /**
         * @param routing adds further routes to the same server, after the API's
         * @return this builder
         */
        public Builder routing(Consumer<HttpRouting.Builder> routing) {
            this.routing = Objects.requireNonNull(routing, "routing");
            return this;
        }

        /**
         * @param shutdownHook whether SIGTERM stops the server (Helidon's hook) and every job (ours);
         *                     true for a process main, false (default) for tests and embedding
         * @return this builder
         */
        public Builder shutdownHook(boolean shutdownHook) {
            this.shutdownHook = shutdownHook;
            return this;
        }

        /**
         * @return the server, not yet started
         */
        public HarnessServer build() {
            return new HarnessServer(this);
        }
    }
}
