package io.loadharness.http;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.loadharness.core.Limits;
import io.loadharness.core.LoadHarness;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;

/** Small limits, short timeouts and JSON helpers shared by the HTTP tests. */
final class TestSupport {

    static final String POD = "test-pod";

    private TestSupport() {
    }

    /** 64 MB of memory, 4 jobs, 1 CPU worker, 2 s per call, 5 s per fan-out. */
    static Limits limits() {
        return Limits.builder()
                .memoryBudgetBytes(64L << 20)
                .maxConcurrentJobs(4)
                .maxCpuWorkers(1)
                .maxConcurrentFanOuts(2)
                .fanOutCallTimeout(Duration.ofSeconds(2))
                .fanOutDeadline(Duration.ofSeconds(5))
                .build();
    }

    static HarnessSettings settings() {
        return HarnessSettings.builder().host("127.0.0.1").port(0).podName(POD).limits(limits()).build();
    }

    static LoadHarness harness() {
        return LoadHarness.builder().limits(limits()).podName(POD).build();
    }

    static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** Sends a JSON body and returns the response; the caller closes it. */
    static Http1ClientResponse postJson(Http1Client client, String path, String body) {
        return client.post(path).header(HeaderNames.CONTENT_TYPE, "application/json").submit(body);
    }
}
