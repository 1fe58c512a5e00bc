package io.loadharness.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.loadharness.core.Limits;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HarnessSettingsTest {

    @Test
    void applicationYamlGivesTheDefaults() {
        HarnessSettings settings = HarnessSettings.fromEnvironment(Map.of());
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.environment()).isEqualTo("local");
        assertThat(settings.isLocal()).isTrue();
        assertThat(settings.podName()).isNull();
        assertThat(settings.clusterUrl()).isNull();
        assertThat(settings.limits()).isEqualTo(Limits.defaults());
    }

    @Test
    void everyEnvironmentVariableOverridesItsKey() {
        HarnessSettings settings = HarnessSettings.fromEnvironment(Map.ofEntries(
                Map.entry("PORT", "9090"),
                Map.entry("HOST", "127.0.0.1"),
                Map.entry("ENVIRONMENT", "staging"),
                Map.entry("POD_NAME", "pod-7"),
                Map.entry("HARNESS_CLUSTER_URL", "http://target:8080/api"),
                Map.entry("HARNESS_MEMORY_BUDGET_MB", "128"),
                Map.entry("HARNESS_MAX_JOBS", "3"),
                Map.entry("HARNESS_MAX_CPU_WORKERS", "1"),
                Map.entry("HARNESS_MAX_FANOUTS", "2"),
                Map.entry("HARNESS_FANOUT_RATE", "100"),
                Map.entry("HARNESS_FANOUT_CALL_TIMEOUT_MS", "1500"),
                Map.entry("HARNESS_FANOUT_DEADLINE_MS", "30000")));
        assertThat(settings.port()).isEqualTo(9090);
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.environment()).isEqualTo("staging");
        assertThat(settings.isLocal()).isFalse();
        assertThat(settings.podName()).isEqualTo("pod-7");
        assertThat(settings.clusterUrl()).isEqualTo(URI.create("http://target:8080/api"));
        Limits limits = settings.limits();
        assertThat(limits.memoryBudgetBytes()).isEqualTo(128L << 20);
        assertThat(limits.maxConcurrentJobs()).isEqualTo(3);
        assertThat(limits.maxCpuWorkers()).isEqualTo(1);
        assertThat(limits.maxConcurrentFanOuts()).isEqualTo(2);
        assertThat(limits.maxFanOutRate()).isEqualTo(100);
        assertThat(limits.fanOutCallTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(limits.fanOutDeadline()).isEqualTo(Duration.ofSeconds(30));
        assertThat(HarnessSettings.environmentKeys()).hasSize(12).doesNotContainKey(HarnessSettings.API_TOKEN_VARIABLE);
    }

    @Test
    void blankEnvironmentVariablesCountAsUnset() {
        HarnessSettings settings = HarnessSettings.fromEnvironment(Map.of("POD_NAME", " ", "PORT", ""));
        assertThat(settings.podName()).isNull();
        assertThat(settings.port()).isEqualTo(8080);
    }

    @Test
    void configKeysAreReadDirectly() {
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(Map.of("server.port", "0", "harness.limits.max-jobs", "7")))
                .build();
        HarnessSettings settings = HarnessSettings.fromConfig(config);
        assertThat(settings.port()).isZero();
        assertThat(settings.limits().maxConcurrentJobs()).isEqualTo(7);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "PORT, abc, PORT (server.port)",
            "PORT, 70000, PORT (server.port)",
            "HARNESS_CLUSTER_URL, ftp://x, HARNESS_CLUSTER_URL (harness.cluster-url)",
            "HARNESS_CLUSTER_URL, not a url, HARNESS_CLUSTER_URL (harness.cluster-url)",
            "HARNESS_MEMORY_BUDGET_MB, 0, HARNESS_MEMORY_BUDGET_MB (harness.limits.memory-budget-mb)",
            "HARNESS_MEMORY_BUDGET_MB, 1e3, HARNESS_MEMORY_BUDGET_MB (harness.limits.memory-budget-mb)",
            "HARNESS_MAX_JOBS, 0, HARNESS_MAX_JOBS (harness.limits.max-jobs)",
            "HARNESS_MAX_CPU_WORKERS, 100000, HARNESS_MAX_CPU_WORKERS (harness.limits.max-cpu-workers)",
            "HARNESS_MAX_FANOUTS, 101, HARNESS_MAX_FANOUTS (harness.limits.max-fanouts)",
            "HARNESS_FANOUT_RATE, -1, HARNESS_FANOUT_RATE (harness.limits.fanout-rate)",
            "HARNESS_FANOUT_CALL_TIMEOUT_MS, 0, HARNESS_FANOUT_CALL_TIMEOUT_MS (harness.limits.fanout-call-timeout-ms)",
            "HARNESS_FANOUT_DEADLINE_MS, 99999999999, HARNESS_FANOUT_DEADLINE_MS (harness.limits.fanout-deadline-ms)"})
    void badValueFailsNamingTheVariableAndKey(String variable, String value, String named) {
        assertThatThrownBy(() -> HarnessSettings.fromEnvironment(Map.of(variable, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(named);
    }

    @Test
    void builderRefusesAnOutOfRangePort() {
        assertThatThrownBy(() -> HarnessSettings.builder().port(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port");
    }
}
