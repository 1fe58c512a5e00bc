package io.loadharness.http;

import static io.loadharness.http.TestSupport.json;
import static io.loadharness.http.TestSupport.postJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.loadharness.core.Limits;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A fan-out target that is down, slow past the call timeout, answering 500s or answering garbage: each
 * fan-out still answers 200 with the failures counted by kind, within the deadline, and leaves no
 * platform thread or socket behind. The target is a real HTTP server on loopback, configured as
 * {@code HARNESS_CLUSTER_URL} would.
 */
@EnabledOnOs(OS.LINUX)
class FailingNeighbourTest {

    private static final Duration CALL_TIMEOUT = Duration.ofMillis(400);
    private static final Duration DEADLINE = Duration.ofSeconds(4);
    private static final int ROUNDS = 3;
    private static final int REQUESTS = 20;
    private static final String BODY = "{\"concurrency\": 5, \"iterations\": 1000, \"requests\": " + REQUESTS + "}";
    /** Room for a connection the JVM or a pool opens on its own; a leak per call would be 60. */
    private static final int SLACK = 2;

    private static ReliabilityReport report;

    @BeforeAll
    static void report() {
        report = ReliabilityReport.start("failing-neighbour");
        report.put("per case", ROUNDS + " fan-outs x " + REQUESTS + " calls, concurrency 5, call timeout "
                + CALL_TIMEOUT.toMillis() + " ms, deadline " + DEADLINE.toMillis() + " ms");
    }

    @AfterAll
    static void done() {
        report.put("result", "every case answered 200 with every call counted as its failure kind; no thread or socket left");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "DOWN,      connection_error, 0",
            "SLOW,      timeout,          0",
            "ERROR_500, http_status,      500",
            "GARBAGE,   error,            0"})
    void aFailingTargetGivesTheDegradedAnswerWithinTheDeadlineAndLeaksNothing(String failure, String kind, int status)
            throws Exception {
        boolean down = failure.equals("DOWN");
        StubTarget stub = new StubTarget(StubTarget.Mode.HEALTHY);
        try (HarnessServer server = server(stub)) {
            Http1Client client = Http1Client.builder().baseUri("http://127.0.0.1:" + server.port()).build();
            // Warm up against a healthy target so pools, classes and carrier threads exist before counting.
            JsonObject healthy = fanOut(client);
            assertThat(healthy.getInt("succeeded")).isEqualTo(REQUESTS);
            if (down) {
                stub.close();
            } else {
                stub.mode(StubTarget.Mode.valueOf(failure));
            }
            int baseThreads = Resources.settle(Resources::threads, Integer.MAX_VALUE, Duration.ZERO);
            int baseSockets = Resources.sockets();
            java.util.Set<String> baseNames = Resources.threadNames();

            List<Double> elapsed = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                long start = System.nanoTime();
                JsonObject result = fanOut(client);
                double ms = (System.nanoTime() - start) / 1e6;
                elapsed.add(ms);
                assertThat(result.getInt("succeeded")).as(result.toString()).isZero();
                assertThat(result.getInt("failed")).isEqualTo(result.getInt("sent"));
                assertThat(result.getInt("sent")).isEqualTo(REQUESTS);
                assertThat(result.getJsonObject("failures_by_kind").getInt(kind)).as(result.toString()).isEqualTo(REQUESTS);
                if (status != 0) {
                    assertThat(result.getJsonObject("failures_by_status").getInt(String.valueOf(status))).isEqualTo(REQUESTS);
                }
                assertThat(result.getString("target")).isEqualTo(stub.uri().toString());
                assertThat(ms).as("answered within the deadline").isLessThan(DEADLINE.toMillis() + 1_000.0);
            }
            stub.release();
            int threads = Resources.settle(Resources::threads, baseThreads + SLACK, Duration.ofSeconds(5));
            int sockets = Resources.settle(Resources::sockets, baseSockets + SLACK, Duration.ofSeconds(5));
            java.util.Set<String> newThreads = Resources.threadNames();
            newThreads.removeAll(baseNames);
            report.latencies(failure + " fan-out answer time", elapsed)
                    .put(failure + " calls failed as " + kind, ROUNDS * REQUESTS)
                    .put(failure + " stub saw calls", down ? "n/a (down)" : stub.calls() - REQUESTS)
                    .put(failure + " platform threads before/after (carriers not counted)", baseThreads + " / " + threads
                            + ", new threads: " + newThreads)
                    .put(failure + " sockets before/after", baseSockets + " / " + sockets);
            assertThat(threads).as("platform threads after the failing fan-outs").isLessThanOrEqualTo(baseThreads + SLACK);
            assertThat(sockets).as("open sockets after the failing fan-outs").isLessThanOrEqualTo(baseSockets + SLACK);
            try (Http1ClientResponse response = client.get("/health/ready").request()) {
                assertThat(response.status()).isEqualTo(Status.OK_200);
            }
        } finally {
            stub.close();
        }
    }

    private static JsonObject fanOut(Http1Client client) {
        try (Http1ClientResponse response = postJson(client, "/load/cluster", BODY)) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
            return json(response.as(String.class));
        }
    }

    private static HarnessServer server(StubTarget stub) {
        Limits limits = Limits.builder()
                .memoryBudgetBytes(64L << 20)
                .maxConcurrentJobs(4)
                .maxCpuWorkers(1)
                .fanOutCallTimeout(CALL_TIMEOUT)
                .fanOutDeadline(DEADLINE)
                .build();
        return HarnessServer.builder()
                .settings(HarnessSettings.builder().host("127.0.0.1").port(0).podName(TestSupport.POD)
                        .environment("production").clusterUrl(stub.uri()).limits(limits).build())
                .build()
                .start();
    }
}
