package io.loadharness.http;

import static io.loadharness.http.TestSupport.postJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.loadharness.core.Limits;
import io.loadharness.core.system.SystemProbe;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * 50 concurrent {@code POST /load/memory} of 500 MB each against a real server with a 1,200 MB budget:
 * some are held, the rest refused with 409; the budget is never exceeded, RSS stays within it, the
 * process answers throughout, and a memory job that was running before the storm still is.
 */
@EnabledOnOs(OS.LINUX)
class MemoryStormHttpTest {

    private static final long MB = 1L << 20;
    private static final long BUDGET = 1_200 * MB;
    private static final int STORM = 50;

    @Test
    void fiftyConcurrentFiveHundredMegabyteHoldsEndWithSomeRefusedAndTheServerWithinItsBudget() throws Exception {
        Limits limits = Limits.builder().memoryBudgetBytes(BUDGET).maxCpuWorkers(1).build();
        try (HarnessServer server = HarnessServer.builder()
                .settings(HarnessSettings.builder().host("127.0.0.1").port(0).podName(TestSupport.POD).limits(limits).build())
                .build().start()) {
            Http1Client client = Http1Client.builder().baseUri("http://127.0.0.1:" + server.port()).build();
            String bystander;
            try (Http1ClientResponse response = postJson(client, "/load/memory/jobs", "{\"size_mb\": 10, \"duration_seconds\": 60}")) {
                assertThat(response.status()).isEqualTo(Status.ACCEPTED_202);
                bystander = TestSupport.json(response.as(String.class)).getString("job_id");
            }
            long baseRss = SystemProbe.rssBytes().orElseThrow();
            AtomicLong maxHeld = new AtomicLong();
            AtomicLong maxRss = new AtomicLong(baseRss);
            AtomicBoolean storming = new AtomicBoolean(true);
            Thread watcher = Thread.ofPlatform().daemon().start(() -> {
                while (storming.get()) {
                    maxHeld.accumulateAndGet(server.harness().heldMemoryBytes(), Math::max);
                    maxRss.accumulateAndGet(SystemProbe.rssBytes().orElse(0), Math::max);
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            int held = 0;
            int refused = 0;
            List<String> other = new ArrayList<>();
            long start = System.nanoTime();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<int[]>> answers = new ArrayList<>();
                for (int i = 0; i < STORM; i++) {
                    answers.add(pool.submit(() -> {
                        try (Http1ClientResponse response = postJson(client, "/load/memory",
                                "{\"size_mb\": 500, \"duration_ms\": 300}")) {
                            String body = response.as(String.class);
                            if (response.status().code() == 409) {
                                JsonObject problem = TestSupport.json(body);
                                assertThat(problem.getString("limit")).isEqualTo("memory_budget");
                                assertThat(problem.getString("detail")).contains("limit 1200 MB");
                            }
                            return new int[] {response.status().code()};
                        }
                    }));
                }
                for (Future<int[]> answer : answers) {
                    int status = answer.get(60, TimeUnit.SECONDS)[0];
                    switch (status) {
                        case 200 -> held++;
                        case 409 -> refused++;
                        default -> other.add(String.valueOf(status));
                    }
                }
            } finally {
                storming.set(false);
                watcher.join(Duration.ofSeconds(5));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(200);
            long rssAfter = SystemProbe.rssBytes().orElseThrow();

            ReliabilityReport.start("memory-storm-http")
                    .put("requests", STORM + " concurrent POST /load/memory {size_mb: 500, duration_ms: 300}, budget 1200 MB, "
                            + "a 10 MB memory job running")
                    .put("held (200)", held)
                    .put("refused (409 memory_budget)", refused)
                    .put("other answers", other)
                    .put("storm duration", String.format(java.util.Locale.ROOT, "%.2f s", seconds))
                    .put("max held by the budget", maxHeld.get() / MB + " MB")
                    .put("RSS before / max / after", baseRss / MB + " / " + maxRss.get() / MB + " / " + rssAfter / MB + " MB");

            assertThat(other).as("answers other than 200 and 409").isEmpty();
            assertThat(held).isPositive();
            assertThat(refused).isPositive();
            assertThat(maxHeld.get()).isLessThanOrEqualTo(BUDGET);
            assertThat(maxRss.get() - baseRss).as("RSS growth during the storm").isLessThanOrEqualTo(BUDGET + 128 * MB);
            assertThat(rssAfter - baseRss).as("RSS growth left after the storm").isLessThan(128 * MB);
            assertThat(server.harness().heldMemoryBytes()).isEqualTo(10 * MB);
            try (Http1ClientResponse response = client.get("/load/jobs/" + bystander).request()) {
                assertThat(TestSupport.json(response.as(String.class)).getString("status")).isEqualTo("running");
            }
            try (Http1ClientResponse response = client.get("/health/live").request()) {
                assertThat(response.status()).isEqualTo(Status.OK_200);
            }
        }
    }
}
