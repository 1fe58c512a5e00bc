package io.loadharness.http;

import static io.loadharness.http.TestSupport.json;
import static io.loadharness.http.TestSupport.postJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.loadharness.core.LoadHarness;
import org.junit.jupiter.api.Test;

class HarnessServerTest {

    @Test
    void stoppingTheServerStopsEveryJobAndFreesMemory() {
        HarnessServer server = HarnessServer.builder().settings(TestSupport.settings()).build().start();
        try {
            Http1Client client = client(server);
            try (Http1ClientResponse response = postJson(client, "/load/cpu", "{\"duration_seconds\": 10, \"intensity\": 1}")) {
                assertThat(response.status()).isEqualTo(Status.ACCEPTED_202);
            }
            try (Http1ClientResponse response = postJson(client, "/load/memory/jobs", "{\"size_mb\": 10, \"duration_seconds\": 10}")) {
                assertThat(response.status()).isEqualTo(Status.ACCEPTED_202);
            }
            assertThat(server.harness().runningJobs()).isEqualTo(2);
        } finally {
            server.stop();
        }
        assertThat(server.isRunning()).isFalse();
        assertThat(server.harness().isClosed()).isTrue();
        assertThat(server.harness().runningJobs()).isZero();
        assertThat(server.harness().activeCpuWorkers()).isZero();
        assertThat(server.harness().heldMemoryBytes()).isZero();
    }

    @Test
    void twoServersInOneJvmKeepTheirOwnPodsAndMetrics() {
        HarnessSettings a = HarnessSettings.builder().host("127.0.0.1").port(0).podName("pod-a").limits(TestSupport.limits()).build();
        HarnessSettings b = HarnessSettings.builder().host("127.0.0.1").port(0).podName("pod-b").limits(TestSupport.limits()).build();
        try (HarnessServer first = HarnessServer.builder().settings(a).build().start();
             HarnessServer second = HarnessServer.builder().settings(b).build().start()) {
            assertThat(first.port()).isNotEqualTo(second.port());
            for (int i = 0; i < 3; i++) {
                try (Http1ClientResponse response = postJson(client(first), "/load/cpu/work", "{\"iterations\": 1000}")) {
                    assertThat(json(response.as(String.class)).getString("pod")).isEqualTo("pod-a");
                }
            }
            try (Http1ClientResponse response = client(second).get("/metrics").request()) {
                var samples = ObservabilityTest.parse(response.as(String.class));
                assertThat(samples).filteredOn(s -> s.name().equals("http_server_requests_total"))
                        .extracting(s -> s.labels().get("route"))
                        .doesNotContain("/load/cpu/work");
                assertThat(samples).extracting(ObservabilityTest.Sample::name).contains("process_cpu_seconds_total");
            }
            try (Http1ClientResponse response = client(first).get("/metrics").request()) {
                var samples = ObservabilityTest.parse(response.as(String.class));
                assertThat(ObservabilityTest.value(samples, "http_server_requests_total",
                        java.util.Map.of("method", "POST", "route", "/load/cpu/work", "status", "200"))).isEqualTo(3.0);
            }
            assertThat(second.api().metrics().requestCount()).isEqualTo(1);
        }
    }

    @Test
    void extraRoutesShareTheServerAndItsMetricsByTemplate() {
        try (HarnessServer server = HarnessServer.builder()
                .settings(TestSupport.settings())
                .routing(rules -> rules.get("/ui/partials/{name}", (req, res) -> res.send("partial")))
                .build()
                .start()) {
            try (Http1ClientResponse response = client(server).get("/ui/partials/jobs").request()) {
                assertThat(response.status()).isEqualTo(Status.OK_200);
                assertThat(response.as(String.class)).isEqualTo("partial");
            }
            try (Http1ClientResponse response = client(server).get("/system/info").request()) {
                assertThat(response.status()).isEqualTo(Status.OK_200);
            }
            try (Http1ClientResponse response = client(server).get("/metrics").request()) {
                var samples = ObservabilityTest.parse(response.as(String.class));
                assertThat(samples).filteredOn(s -> s.name().equals("http_server_requests_total"))
                        .extracting(s -> s.labels().get("route"))
                        .contains("/system/info", "/ui/partials/{name}")
                        .doesNotContain("/ui/partials/jobs");
            }
        }
    }

    @Test
    void aHarnessGivenToTheServerStaysOpenAfterStop() {
        try (LoadHarness harness = TestSupport.harness()) {
            HarnessServer server = HarnessServer.builder().settings(TestSupport.settings()).harness(harness).build().start();
            server.stop();
            assertThat(harness.isClosed()).isFalse();
        }
    }

    @Test
    void loadRoutesAnswerUnavailableOnceTheHarnessIsClosed() {
        LoadHarness harness = TestSupport.harness();
        try (HarnessServer server = HarnessServer.builder().settings(TestSupport.settings()).harness(harness).build().start()) {
            harness.close();
            try (Http1ClientResponse response = postJson(client(server), "/load/cpu/burn", "{}")) {
                assertThat(response.status()).isEqualTo(Status.SERVICE_UNAVAILABLE_503);
                assertThat(json(response.as(String.class)).getString("detail")).contains("shutting down");
            }
            try (Http1ClientResponse response = client(server).get("/health/ready").request()) {
                assertThat(response.status()).isEqualTo(Status.SERVICE_UNAVAILABLE_503);
            }
            try (Http1ClientResponse response = client(server).get("/health/live").request()) {
                assertThat(response.status()).isEqualTo(Status.OK_200);
            }
        }
    }

    @Test
    void unknownPathIsStillNotFoundWithTheCatchAllHandler() {
        try (HarnessServer server = HarnessServer.builder().settings(TestSupport.settings()).build().start()) {
            try (Http1ClientResponse response = client(server).get("/no/such/path").request()) {
                assertThat(response.status()).isEqualTo(Status.NOT_FOUND_404);
            }
        }
    }

    @Test
    void portBeforeStartIsRefused() {
        HarnessServer server = HarnessServer.builder().settings(TestSupport.settings()).build();
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
        server.stop();
    }

    private static Http1Client client(HarnessServer server) {
        return Http1Client.builder().baseUri("http://127.0.0.1:" + server.port()).build();
    }
}
