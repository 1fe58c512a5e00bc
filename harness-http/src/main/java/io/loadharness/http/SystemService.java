package io.loadharness.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.loadharness.core.LoadHarness;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** System info from core, plus the environment, this module's version and the limits. */
final class SystemService implements HttpService {

    private final LoadHarness harness;
    private final HarnessSettings settings;
    private final ClusterService cluster;
    private final String version = readVersion();

    SystemService(LoadHarness harness, HarnessSettings settings, ClusterService cluster) {
        this.harness = harness;
        this.settings = settings;
        this.cluster = cluster;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/system/info", this::info);
    }

    private void info(ServerRequest req, ServerResponse res) {
        JsonMapping.SystemFacts facts = new JsonMapping.SystemFacts(harness.podName(), settings.environment(), version,
                cluster.target(req.localPeer().port()).toString(), harness.heldMemoryBytes(), harness.runningJobs(),
                harness.activeCpuWorkers(), harness.runningFanOuts());
        res.send(JsonMapping.systemInfo(harness.systemInfo(), harness.limits(), facts));
    }

    /**
     * @return the version of this module, from the properties written at build time
     */
    static String readVersion() {
        try (InputStream in = SystemService.class.getResourceAsStream("/harness-http-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
