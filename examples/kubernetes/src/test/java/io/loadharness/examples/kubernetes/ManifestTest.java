package io.loadharness.examples.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.loadharness.http.HarnessSettings;
import io.loadharness.prometheus.PrometheusClient;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loads {@code examples/kubernetes} as {@code kubectl apply -k} would, parses every object with
 * fabric8's Kubernetes model, and checks that the objects fit together and fit the server's code.
 */
class ManifestTest {

    private static final String NAMESPACE = "applications";
    private static final String NAME = "load-harness";
    /** The server's graceful shutdown after SIGTERM takes at most this long (harness-http contract). */
    private static final int SHUTDOWN_SECONDS = 5;
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private static Kustomization kustomization;
    private static Deployment deployment;
    private static Container container;
    private static Service service;
    private static HorizontalPodAutoscaler hpa;
    private static ServiceMonitor serviceMonitor;

    @BeforeAll
    static void load() {
        kustomization = Kustomization.load(Sources.kustomization());
        deployment = kustomization.one(Deployment.class);
        container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
        service = kustomization.one(Service.class);
        hpa = kustomization.one(HorizontalPodAutoscaler.class);
        serviceMonitor = kustomization.one(ServiceMonitor.class);
    }

    @Test
    void everyResourceParsesAsATypedKubernetesObjectWithoutUnknownFields() {
        assertThat(kustomization.objects()).extracting(HasMetadata::getKind)
                .containsExactly("Namespace", "Deployment", "Service", "HorizontalPodAutoscaler", "ServiceMonitor");
        assertThat(kustomization.unknownFields()).as("fields the Kubernetes model does not know (typos?)").isEmpty();
        assertThat(hpa.getApiVersion()).isEqualTo("autoscaling/v2");
        assertThat(serviceMonitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    }

    @Test
    void everythingLivesInTheApplicationsNamespaceWithAndWithoutKustomize() {
        assertThat(kustomization.namespace()).isEqualTo(NAMESPACE);
        assertThat(kustomization.one(Namespace.class).getMetadata().getName()).isEqualTo(NAMESPACE);
        // The files name the namespace too, so that kubectl apply -f gives the same result.
        kustomization.sources().forEach((file, documents) -> {
            for (JsonNode document : documents) {
                if (!document.path("kind").asText().equals("Namespace")) {
                    assertThat(document.path("metadata").path("namespace").asText()).as(file).isEqualTo(NAMESPACE);
                }
            }
        });
        kustomization.objects().stream().filter(o -> !(o instanceof Namespace))
                .forEach(o -> assertThat(o.getMetadata().getNamespace()).as(o.getKind()).isEqualTo(NAMESPACE));
    }

    @Test
    void kustomizeLabelsStayOutOfTheSelectors() {
        Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
        assertThat(kustomization.labels()).isNotEmpty();
        assertThat(selector).doesNotContainKeys(kustomization.labels().keySet().toArray(String[]::new));
        assertThat(service.getSpec().getSelector()).doesNotContainKeys(kustomization.labels().keySet().toArray(String[]::new));
    }

    @Test
    void deploymentSelectsItsOwnPodsAndLeavesTheReplicaCountToTheAutoscaler() {
        assertThat(deployment.getMetadata().getName()).isEqualTo(NAME);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(deployment.getSpec().getReplicas()).as("replicas, owned by the HPA").isNull();
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
    }

    @Test
    void serviceSelectsTheDeploymentsPodsOnPort80AndTheContainerPort() {
        assertThat(service.getMetadata().getName()).isEqualTo(NAME);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
        ServicePort port = service.getSpec().getPorts().getFirst();
        assertThat(service.getSpec().getPorts()).hasSize(1);
        assertThat(port.getPort()).as("Service port, implied by the fan-out URL").isEqualTo(80);
        assertThat(containerPort(port.getTargetPort())).isEqualTo(httpPort());
    }

    @Test
    void probesUseTheContainerPortAndTheServersHealthEndpoints() {
        assertThat(probePath(container.getLivenessProbe())).isEqualTo("/health/live");
        assertThat(probePath(container.getReadinessProbe())).isEqualTo("/health/ready");
        assertThat(probePath(container.getStartupProbe())).isEqualTo("/health/live");
        for (Probe probe : List.of(container.getLivenessProbe(), container.getReadinessProbe(), container.getStartupProbe())) {
            assertThat(containerPort(probe.getHttpGet().getPort())).isEqualTo(httpPort());
        }
        // ServerEndpointsTest asks the real server for these paths.
    }

    @Test
    void containerPortIsTheServersDefaultPortAndThePortVariable() {
        assertThat(httpPort().getContainerPort()).isEqualTo(8080);
        assertThat(env("PORT")).isEqualTo(String.valueOf(httpPort().getContainerPort()));
        assertThat(env("HOST")).isEqualTo("0.0.0.0");
    }

    @Test
    void autoscalerScalesTheDeploymentOnCpuAndMemoryBetweenOneAndFivePods() {
        assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(deployment.getMetadata().getName());
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(1);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(5);
        assertThat(hpa.getSpec().getMetrics()).extracting(MetricSpec::getType).containsOnly("Resource");
        assertThat(hpa.getSpec().getMetrics()).extracting(m -> m.getResource().getName())
                .containsExactlyInAnyOrder("cpu", "memory");
        for (MetricSpec metric : hpa.getSpec().getMetrics()) {
            // Utilization is measured against the requests, so each must be requested.
            assertThat(metric.getResource().getTarget().getType()).isEqualTo("Utilization");
            assertThat(metric.getResource().getTarget().getAverageUtilization()).isBetween(1, 100);
            assertThat(container.getResources().getRequests()).containsKey(metric.getResource().getName());
        }
    }

    @Test
    void scaleDownWindowIsExplicitAndDocumented() {
        Integer window = hpa.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds();
        assertThat(window).as("scale-down stabilization window, s").isEqualTo(300);
        assertThat(Sources.read("docs/kubernetes.md")).contains("stabilizationWindowSeconds").contains(window + " s");
    }

    @Test
    void serviceMonitorScrapesMetricsThroughTheServicesNamedPort() {
        assertThat(serviceMonitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(serviceMonitor.getSpec().getSelector().getMatchLabels());
        // Without a namespaceSelector a ServiceMonitor selects Services in its own namespace.
        assertThat(serviceMonitor.getSpec().getNamespaceSelector()).isNull();
        assertThat(serviceMonitor.getMetadata().getNamespace()).isEqualTo(service.getMetadata().getNamespace());
        assertThat(serviceMonitor.getSpec().getEndpoints()).hasSize(1);
        Endpoint endpoint = serviceMonitor.getSpec().getEndpoints().getFirst();
        assertThat(endpoint.getPort()).isEqualTo(service.getSpec().getPorts().getFirst().getName());
        assertThat(endpoint.getPath()).isEqualTo("/metrics");
    }

    @Test
    void everyEnvironmentVariableIsReadByTheServerOrUsedByAnotherVariable() {
        Set<String> referenced = container.getEnv().stream()
                .filter(e -> e.getValue() != null)
                .flatMap(e -> ENV_REFERENCE.matcher(e.getValue()).results().map(m -> m.group(1)))
                .collect(Collectors.toSet());
        for (EnvVar variable : container.getEnv()) {
            if (referenced.contains(variable.getName())) {
                continue;
            }
            assertThat(Sources.javaFilesQuoting(variable.getName()))
                    .as("server sources that read %s", variable.getName()).isNotEmpty();
        }
        assertThat(referenced).as("variables referenced as $(NAME)")
                .allSatisfy(name -> assertThat(container.getEnv()).extracting(EnvVar::getName).contains(name));
    }

    @Test
    void podNameAndNamespaceComeFromTheDownwardApi() {
        assertThat(fieldRef("POD_NAME")).isEqualTo("metadata.name");
        assertThat(fieldRef("POD_NAMESPACE")).isEqualTo("metadata.namespace");
    }

    @Test
    void inClusterUrlsAreTheServersDefaultsAndResolveToTheService() {
        assertThat(env("ENVIRONMENT")).as("ENVIRONMENT; local would fan out to the pod itself").isNotEqualTo("local");
        String clusterUrl = env("HARNESS_CLUSTER_URL").replace("$(POD_NAMESPACE)", deployment.getMetadata().getNamespace());
        assertThat(clusterUrl).isEqualTo("http://" + service.getMetadata().getName() + "."
                + service.getMetadata().getNamespace() + ".svc.cluster.local");
        assertThat(clusterUrl).as("harness-http's default fan-out URL").isEqualTo(HarnessSettings.IN_CLUSTER_URL);
        assertThat(env("PROMETHEUS_URL")).as("harness-prometheus's default URL")
                .isEqualTo(PrometheusClient.IN_CLUSTER_URL.toString());
    }

    @Test
    void resourcesAreRequestedAndLimitedWithTheMemoryBudgetInsideTheLimit() {
        Map<String, Quantity> requests = container.getResources().getRequests();
        Map<String, Quantity> limits = container.getResources().getLimits();
        assertThat(requests).containsKeys("cpu", "memory");
        assertThat(limits).containsKeys("cpu", "memory");
        for (String resource : List.of("cpu", "memory")) {
            assertThat(amount(requests.get(resource))).as(resource + " request <= limit")
                    .isLessThanOrEqualTo(amount(limits.get(resource)));
        }
        BigDecimal budget = new BigDecimal(env("HARNESS_MEMORY_BUDGET_MB")).multiply(BigDecimal.valueOf(1L << 20));
        // The JVM keeps the other half: heap in use, metaspace, code cache and thread stacks.
        assertThat(budget).as("HARNESS_MEMORY_BUDGET_MB in bytes")
                .isLessThanOrEqualTo(amount(limits.get("memory")).divide(BigDecimal.TWO));
        // The core refuses more CPU workers than the container has processors.
        int processors = amount(limits.get("cpu")).setScale(0, java.math.RoundingMode.CEILING).intValueExact();
        container.getEnv().stream().filter(e -> e.getName().equals("HARNESS_MAX_CPU_WORKERS")).findFirst()
                .ifPresent(e -> assertThat(Integer.parseInt(e.getValue())).isBetween(1, processors));
    }

    @Test
    void podRunsAsNonRootWithAReadOnlyRootAndNoPrivileges() {
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(container.getSecurityContext().getPrivileged()).isNotEqualTo(Boolean.TRUE);
    }

    @Test
    void tmpIsAWritableEmptyDirBecauseTheRootIsReadOnly() {
        String volumeName = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                .findFirst().orElseThrow().getName();
        Volume volume = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(volumeName)).findFirst().orElseThrow();
        assertThat(volume.getEmptyDir()).isNotNull();
    }

    @Test
    void terminationGraceCoversThePreStopSleepAndTheGracefulShutdown() {
        int preStop = container.getLifecycle().getPreStop().getSleep().getSeconds().intValue();
        long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        assertThat(preStop).as("preStop sleep, s").isPositive();
        assertThat(grace).as("terminationGracePeriodSeconds").isGreaterThan(preStop + SHUTDOWN_SECONDS);
    }

    private static ContainerPort httpPort() {
        assertThat(container.getPorts()).hasSize(1);
        return container.getPorts().getFirst();
    }

    /** Resolves a port given by name or number to the container's port, as the kubelet does. */
    private static ContainerPort containerPort(IntOrString port) {
        return container.getPorts().stream()
                .filter(p -> port.getStrVal() != null ? port.getStrVal().equals(p.getName())
                        : port.getIntVal().equals(p.getContainerPort()))
                .findFirst().orElseThrow(() -> new AssertionError("no container port " + port));
    }

    private static String probePath(Probe probe) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet()).isNotNull();
        return probe.getHttpGet().getPath();
    }

    private static String env(String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .map(EnvVar::getValue).orElseThrow(() -> new AssertionError("no env " + name));
    }

    private static String fieldRef(String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .map(e -> e.getValueFrom().getFieldRef().getFieldPath())
                .orElseThrow(() -> new AssertionError("no env " + name));
    }

    private static BigDecimal amount(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity);
    }
}
