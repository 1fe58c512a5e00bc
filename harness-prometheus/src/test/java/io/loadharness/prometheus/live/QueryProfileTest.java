package io.loadharness.prometheus.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryProfileTest {

    @Test
    void kubernetesPresetQueriesTheDeploymentAgainstItsLimits() {
        QueryProfile profile = QueryProfile.kubernetes().namespace("demo").deployment("load-harness").build();

        String pods = "namespace=\"demo\", pod=~\"load-harness-[a-z0-9]+-[a-z0-9]+\"";
        String containers = pods + ", container!=\"\", container!=\"POD\"";
        String requests = pods + ", route!~\"/metrics|/health.*\"";
        assertThat(profile.query(Metric.CPU)).isEqualTo(
                "100 * sum(rate(container_cpu_usage_seconds_total{" + containers + "}[1m]))"
                        + " / sum(kube_pod_container_resource_limits{" + pods + ", resource=\"cpu\"})");
        assertThat(profile.query(Metric.MEMORY)).isEqualTo(
                "100 * sum(container_memory_working_set_bytes{" + containers + "})"
                        + " / sum(kube_pod_container_resource_limits{" + pods + ", resource=\"memory\"})");
        assertThat(profile.query(Metric.PODS)).isEqualTo(
                "sum(kube_deployment_status_replicas{namespace=\"demo\", deployment=\"load-harness\"})");
        assertThat(profile.podLimitQuery()).hasValue(
                "max(kube_horizontalpodautoscaler_spec_max_replicas{namespace=\"demo\", horizontalpodautoscaler=\"load-harness\"})"
                        + " or max(kube_deployment_spec_replicas{namespace=\"demo\", deployment=\"load-harness\"})");
        assertThat(profile.query(Metric.REQUEST_RATE)).isEqualTo(
                "sum(rate(http_server_requests_total{" + requests + "}[1m]))");
        assertThat(profile.query(Metric.RESPONSE_TIME)).isEqualTo(
                "1000 * sum(rate(http_server_request_duration_seconds_sum{" + requests + "}[1m]))"
                        + " / sum(rate(http_server_request_duration_seconds_count{" + requests + "}[1m]))");
    }

    @Test
    void localPresetQueriesTheHarnessProcessesOfOneJob() {
        QueryProfile profile = QueryProfile.local().job("harness").cores(4).memoryBytes(8L << 30)
                .rateWindow(Duration.ofSeconds(30)).build();

        String requests = "job=\"harness\", route!~\"/metrics|/health.*\"";
        assertThat(profile.query(Metric.CPU))
                .isEqualTo("100 * avg(rate(process_cpu_seconds_total{job=\"harness\"}[30s])) / 4");
        assertThat(profile.query(Metric.MEMORY))
                .isEqualTo("100 * avg(process_resident_memory_bytes{job=\"harness\"}) / 8589934592");
        assertThat(profile.query(Metric.PODS)).isEqualTo("sum(up{job=\"harness\"})");
        assertThat(profile.podLimitQuery()).hasValue("count(up{job=\"harness\"})");
        assertThat(profile.query(Metric.REQUEST_RATE))
                .isEqualTo("sum(rate(http_server_requests_total{" + requests + "}[30s]))");
        assertThat(profile.query(Metric.RESPONSE_TIME)).isEqualTo(
                "1000 * sum(rate(http_server_request_duration_seconds_sum{" + requests + "}[30s]))"
                        + " / sum(rate(http_server_request_duration_seconds_count{" + requests + "}[30s]))");
        assertThat(profile.rateWindow()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void labelValuesAreEscapedForPromqlStrings() {
        QueryProfile profile = QueryProfile.local().job("a\"b\\c").build();

        assertThat(profile.query(Metric.PODS)).isEqualTo("sum(up{job=\"a\\\"b\\\\c\"})");
        assertThat(profile.parameters()).containsEntry("job", "a\"b\\c");
    }

    @Test
    void templatesCanBeReplacedAndUseAnyParameter() {
        QueryProfile profile = QueryProfile.kubernetes().deployment("web").hpa("web-hpa")
                .query(Metric.PODS, "count(kube_pod_info{namespace=\"${namespace}\", created_by_name=~\"${deployment}-.*\"})")
                .podLimitQuery("max(x{h=\"${hpa}\"})").build();

        assertThat(profile.query(Metric.PODS))
                .isEqualTo("count(kube_pod_info{namespace=\"applications\", created_by_name=~\"web-.*\"})");
        assertThat(profile.podLimitQuery()).hasValue("max(x{h=\"web-hpa\"})");
        assertThat(profile.template(Metric.PODS)).contains("${deployment}");
    }

    @Test
    void unknownParameterIsRejectedNamingIt() {
        assertThatThrownBy(() -> QueryProfile.local().query(Metric.CPU, "rate(x{pod=\"${pod}\"}[1m])").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("query of CPU names unknown parameter ${pod}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Demo", "-demo", "demo_ns", "", "a.b"})
    void namespaceMustBeAKubernetesName(String namespace) {
        assertThatThrownBy(() -> QueryProfile.kubernetes().namespace(namespace).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("namespace must be a Kubernetes name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0.5S", "PT2H", "PT1.5S"})
    void rateWindowOutOfRangeIsRejected(String window) {
        assertThatThrownBy(() -> QueryProfile.local().rateWindow(Duration.parse(window)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("rateWindow must be");
    }

    @Test
    void coresAndMemoryMustBePositive() {
        assertThatThrownBy(() -> QueryProfile.local().cores(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("cores must be above 0");
        assertThatThrownBy(() -> QueryProfile.local().memoryBytes(1000).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("memoryBytes must be at least");
    }

    @Test
    void environmentOverridesParametersAndQueries() {
        QueryProfile profile = QueryProfile.named("KUBERNETES").environment(Map.of(
                "LIVE_METRICS_NAMESPACE", "perf", "LIVE_METRICS_DEPLOYMENT", "lh", "LIVE_METRICS_RATE_WINDOW", "2m",
                "LIVE_METRICS_QUERY_REQUEST_RATE", "sum(rate(hits{namespace=\"${namespace}\"}[${window}]))",
                "LIVE_METRICS_QUERY_PODS_MAX", "vector(10)")).build();

        assertThat(profile.query(Metric.REQUEST_RATE)).isEqualTo("sum(rate(hits{namespace=\"perf\"}[2m]))");
        assertThat(profile.query(Metric.PODS)).contains("deployment=\"lh\"");
        assertThat(profile.podLimitQuery()).hasValue("vector(10)");
        assertThat(profile.rateWindow()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void unknownProfileNameIsRejected() {
        assertThatThrownBy(() -> QueryProfile.named("docker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("profile must be kubernetes or local, was \"docker\"");
    }
}
