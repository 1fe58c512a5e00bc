package io.loadharness.examples.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.loadharness.http.HarnessSettings;
import io.loadharness.ui.LoadHarnessServer;
import io.loadharness.ui.Main;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts the server the image runs ({@link Main}, the API and the dashboard) with the Deployment's
 * environment as the kubelet would resolve it, only on 127.0.0.1 and a free port, and asks it for every
 * path the manifests point Kubernetes and Prometheus at.
 */
class ServerEndpointsTest {

    /** A pod name as the Deployment's ReplicaSet would give it. */
    private static final String POD_NAME = "load-harness-5d9c7b8f6d-x2k4q";
    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private static Deployment deployment;
    private static Container container;
    private static ServiceMonitor serviceMonitor;
    private static Map<String, String> environment;
    private static LoadHarnessServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        Kustomization kustomization = Kustomization.load(Sources.kustomization());
        deployment = kustomization.one(Deployment.class);
        container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
        serviceMonitor = kustomization.one(ServiceMonitor.class);
        environment = resolvedEnvironment();
        Map<String, String> local = new LinkedHashMap<>(environment);
        local.put("PORT", "0");
        local.put("HOST", "127.0.0.1");
        // No Prometheus here: a closed port on this machine, so the live metrics fall back at once.
        local.put("PROMETHEUS_URL", "http://127.0.0.1:1");
        server = Main.start(HarnessSettings.fromEnvironment(local), local, false);
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (client != null) {
            client.close();
        }
    }

    @Test
    void serverAcceptsTheDeploymentsConfiguration() {
        HarnessSettings settings = server.server().settings();
        assertThat(settings.environment()).isEqualTo(environment.get("ENVIRONMENT"));
        assertThat(settings.clusterUrlOverride()).contains(URI.create(environment.get("HARNESS_CLUSTER_URL")));
        assertThat(settings.limits().memoryBudgetBytes())
                .isEqualTo(Long.parseLong(environment.get("HARNESS_MEMORY_BUDGET_MB")) << 20);
        assertThat(server.harness().podName()).isEqualTo(POD_NAME);
    }

    @Test
    void everyProbePathAnswers200() throws Exception {
        for (Probe probe : new Probe[] {container.getLivenessProbe(), container.getReadinessProbe(), container.getStartupProbe()}) {
            String path = probe.getHttpGet().getPath();
            assertThat(get(path).statusCode()).as("GET " + path).isEqualTo(200);
        }
    }

    @Test
    void serviceMonitorPathServesPrometheusTextWithTheMetricsTheDashboardQueries() throws Exception {
        get("/system/info");
        String path = serviceMonitor.getSpec().getEndpoints().getFirst().getPath();
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body()).contains("http_server_requests_total", "http_server_request_duration_seconds");
    }

    @Test
    void dashboardAnswersAtUiAndTheRootRedirectsThere() throws Exception {
        HttpResponse<String> page = get("/ui");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("LoadHarness Dashboard", "Environment: " + environment.get("ENVIRONMENT"), POD_NAME);
        HttpResponse<String> root = get("/");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).contains("/ui");
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The container's environment as the kubelet resolves it: downward API values and $(NAME) references. */
    private static Map<String, String> resolvedEnvironment() {
        Map<String, String> resolved = new LinkedHashMap<>();
        for (EnvVar variable : container.getEnv()) {
            String value;
            if (variable.getValueFrom() != null) {
                String field = variable.getValueFrom().getFieldRef().getFieldPath();
                value = switch (field) {
                    case "metadata.name" -> POD_NAME;
                    case "metadata.namespace" -> deployment.getMetadata().getNamespace();
                    default -> throw new AssertionError("downward API field not simulated: " + field);
                };
            } else {
                Matcher m = REFERENCE.matcher(variable.getValue());
                value = m.replaceAll(r -> Matcher.quoteReplacement(resolved.getOrDefault(r.group(1), r.group())));
            }
            resolved.put(variable.getName(), value);
        }
        return resolved;
    }
}
