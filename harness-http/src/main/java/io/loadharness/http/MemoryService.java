package io.loadharness.http;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.loadharness.core.LoadHarness;
import io.loadharness.core.params.MemoryHoldSpec;
import io.loadharness.core.params.MemoryJobSpec;

/** Memory load: one-shot holds and background memory jobs. */
final class MemoryService implements HttpService {

    private final LoadHarness harness;

    MemoryService(LoadHarness harness) {
        this.harness = harness;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/load/memory", this::hold)
                .post("/load/memory/jobs", this::startJob);
    }

    private void hold(ServerRequest req, ServerResponse res) throws InterruptedException {
        MemoryHoldSpec spec = JsonBodies.params(req, MemoryHoldSpec.PARAMS);
        res.send(JsonMapping.memory(harness.holdMemory(spec), harness.podName()));
    }

    private void startJob(ServerRequest req, ServerResponse res) {
        MemoryJobSpec spec = JsonBodies.params(req, MemoryJobSpec.PARAMS);
        res.status(Status.ACCEPTED_202).send(JsonMapping.job(harness.startMemoryJob(spec)));
    }
}
