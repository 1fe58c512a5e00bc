package io.loadharness.ui;

import io.loadharness.core.LoadHarness;
import io.loadharness.http.HarnessServer;
import io.loadharness.prometheus.live.LiveMetrics;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The running full server started by {@link Main#start}: the API and dashboard server and the live
 * metrics it reads. {@link #close()} stops both, every job, and frees all memory.
 */
public final class LoadHarnessServer implements AutoCloseable {

    private final HarnessServer server;
    private final LiveMetrics liveMetrics;
    private final AtomicBoolean closed = new AtomicBoolean();

    LoadHarnessServer(HarnessServer server, LiveMetrics liveMetrics) {
        this.server = server;
        this.liveMetrics = liveMetrics;
    }

    /**
     * @return the port the server listens on
     */
    public int port() {
        return server.port();
    }

    /**
     * @return the harness the server drives
     */
    public LoadHarness harness() {
        return server.harness();
    }

    /**
     * @return the live metrics the dashboard shows
     */
    public LiveMetrics liveMetrics() {
        return liveMetrics;
    }

    /**
     * @return the underlying API server
     */
    public HarnessServer server() {
        return server;
    }

    /** Stops the server, every job and the live metrics. Safe to call more than once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.stop();
        } finally {
            liveMetrics.close();
        }
    }
}
