package io.loadharness.http;

/**
 * Runs the LoadHarness API on its own, configured by {@code application.yaml} and the environment
 * (see {@link HarnessSettings}). SIGTERM stops the server, every job and frees all memory.
 *
 * <pre>{@code
 * PORT=8080 ENVIRONMENT=local java -m io.loadharness.http/io.loadharness.http.ApiMain
 * }</pre>
 */
public final class ApiMain {

    private static final System.Logger LOG = System.getLogger(ApiMain.class.getName());

    private ApiMain() {
    }

    /**
     * Starts the server and logs its URL; exits with status 2 on bad configuration.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        HarnessSettings settings;
        try {
            settings = HarnessSettings.fromEnvironment();
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
            System.exit(2);
            return;
        }
        HarnessServer server = HarnessServer.builder().settings(settings).shutdownHook(true).build().start();
        LOG.log(System.Logger.Level.INFO, "LoadHarness API listening on http://" + settings.host() + ":" + server.port()
                + " (pod " + server.harness().podName() + ", environment " + settings.environment() + ")");
    }
}
