package io.loadharness.http;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.loadharness.core.LoadHarness;
import io.loadharness.core.jobs.JobType;
import io.loadharness.core.params.BurnSpec;
import io.loadharness.core.params.CpuJobSpec;
import io.loadharness.core.params.WorkSpec;

/** CPU load: sustained jobs, their status, one-shot burns and fixed work. */
final class CpuService implements HttpService {

    private final LoadHarness harness;

    CpuService(LoadHarness harness) {
        this.harness = harness;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/load/cpu", this::startJob)
                .get("/load/cpu/status", this::status)
                .post("/load/cpu/burn", this::burn)
                .post("/load/cpu/work", this::work);
    }

    private void startJob(ServerRequest req, ServerResponse res) {
        CpuJobSpec spec = JsonBodies.params(req, CpuJobSpec.PARAMS);
        res.status(Status.ACCEPTED_202).send(JsonMapping.job(harness.startCpuJob(spec)));
    }

    private void status(ServerRequest req, ServerResponse res) {
        res.send(JsonMapping.jobs(harness.jobs(JobType.CPU)));
    }

    private void burn(ServerRequest req, ServerResponse res) {
        BurnSpec spec = JsonBodies.params(req, BurnSpec.PARAMS);
        res.send(JsonMapping.burn(harness.burn(spec), harness.podName()));
    }

    private void work(ServerRequest req, ServerResponse res) {
        WorkSpec spec = JsonBodies.params(req, WorkSpec.PARAMS);
        res.send(JsonMapping.work(harness.work(spec), harness.podName()));
    }
}
