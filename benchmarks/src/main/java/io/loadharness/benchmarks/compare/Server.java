package io.loadharness.benchmarks.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Our server in a process of its own on 127.0.0.1, started as a user starts it, with the time from
 * process start to its first healthy answer.
 */
final class Server implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Server.class.getName());

    private final Child child;
    private final int port;
    private final double startupMs;
    private final String description;

    private Server(Child child, int port, double startupMs, String description) {
        this.child = child;
        this.port = port;
        this.startupMs = startupMs;
        this.description = description;
    }

    /**
     * Starts the server and waits until {@code GET /health/live} answers 200, polling every 5 ms.
     *
     * @param settings how to start it
     * @param logName  log file name under the output directory
     * @return the healthy server
     * @throws IllegalStateException if it is not healthy within 60 s
     */
    static Server start(Settings settings, String logName) {
        return start(settings, logName, List.of());
    }

    /**
     * @param settings   how to start it
     * @param logName    log file name under the output directory
     * @param jvmOptions JVM options, e.g. a pod's heap settings
     * @return the healthy server
     * @throws IllegalStateException if it is not healthy within 60 s
     */
    static Server start(Settings settings, String logName, List<String> jvmOptions) {
        try {
            return startOnce(settings, logName, jvmOptions);
        } catch (IllegalStateException e) {
            if (settings.serverJar() == null) {
                throw e;
            }
            // The full server is built by another module; if it cannot start, measure the API-only one.
            LOG.log(System.Logger.Level.WARNING, "the full server did not start; using the API-only server", e);
            Settings apiOnly = new Settings(settings.outDir(), settings.quick(), settings.java(), settings.classPath(),
                    settings.touch(), null);
            return startOnce(apiOnly, logName, jvmOptions);
        }
    }

    private static Server startOnce(Settings settings, String logName, List<String> jvmOptions) {
        int port;
        try {
            port = RawHttp.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Child child = Child.start(settings.serverCommand(jvmOptions), Map.of("PORT", Integer.toString(port), "HOST", "127.0.0.1",
                "ENVIRONMENT", "local", "POD_NAME", "benchmark"), settings.file(logName), true);
        long deadline = child.startNanos() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && child.isAlive()) {
            try {
                if (RawHttp.request(port, "GET", "/health/live", null, 1000).status() == 200) {
                    return new Server(child, port, (System.nanoTime() - child.startNanos()) / 1e6,
                            settings.serverDescription());
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            LockSupport.parkNanos(5_000_000);
        }
        child.close();
        throw new IllegalStateException("the server did not become healthy; see " + settings.file(logName));
    }

    int port() {
        return port;
    }

    long pid() {
        return child.pid();
    }

    double startupMs() {
        return startupMs;
    }

    /** @return which server this is, for the report */
    String description() {
        return description;
    }

    @Override
    public void close() {
        child.close();
    }

    /**
     * Stops the server with SIGTERM and lets it take its time to exit, e.g. to write an AOT cache.
     *
     * @param grace time it may take
     */
    void stop(Duration grace) {
        child.stop(grace);
    }
}
