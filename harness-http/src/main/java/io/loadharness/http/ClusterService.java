package io.loadharness.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.loadharness.core.LoadHarness;
import io.loadharness.core.fanout.FanOutResult;
import io.loadharness.core.params.Params;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cluster load: fans calls of fixed work out to the configured target. The target is configuration,
 * never request input: {@code HARNESS_CLUSTER_URL}, else this server itself when the environment is
 * {@code local}, else the in-cluster Service.
 */
final class ClusterService implements HttpService {

    private final LoadHarness harness;
    private final HarnessSettings settings;
    private final String prefix;
    /** One transport per target and connection mode, reused by every fan-out. */
    private final Map<String, HttpTransport> transports = new ConcurrentHashMap<>();

    ClusterService(LoadHarness harness, HarnessSettings settings, String prefix) {
        this.harness = harness;
        this.settings = settings;
        this.prefix = prefix;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/load/cluster", this::fanOut);
    }

    private void fanOut(ServerRequest req, ServerResponse res) throws InterruptedException {
        JsonBodies.FanOutRequest request = JsonBodies.fanOut(req);
        URI target = target(req.localPeer().port());
        HttpTransport transport = transports.computeIfAbsent(request.keepAlive() + " " + target,
                key -> HttpTransport.builder()
                        .target(target)
                        .keepAlive(request.keepAlive())
                        .connectTimeout(settings.limits().fanOutCallTimeout())
                        .maxConnections((int) Params.CONCURRENCY.max())
                        .apiToken(settings.apiToken())
                        .build());
        FanOutResult result = harness.fanOut(request.spec(), transport);
        res.send(JsonMapping.fanOut(result, target.toString(), request.keepAlive(), harness.podName()));
    }

    /**
     * @param localPort the port this request arrived on, the target in the local environment
     * @return the base URL the fan-out calls go to
     */
    URI target(int localPort) {
        return settings.clusterUrlOverride()
                .orElseGet(() -> settings.isLocal()
                        ? URI.create("http://127.0.0.1:" + localPort + prefix)
                        : URI.create(HarnessSettings.IN_CLUSTER_URL));
    }

    /** Describes the target for {@code /system/info} without a request at hand. */
    String describeTarget() {
        return settings.clusterUrlOverride()
                .map(URI::toString)
                .orElse(settings.isLocal() ? "this server (local)" : HarnessSettings.IN_CLUSTER_URL);
    }
}
