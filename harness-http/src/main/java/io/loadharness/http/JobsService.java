package io.loadharness.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.loadharness.core.LoadHarness;

/** Every job, cpu and memory: list, look up, stop one, stop all. */
final class JobsService implements HttpService {

    private static final String JOB_ID = "job_id";

    private final LoadHarness harness;

    JobsService(LoadHarness harness) {
        this.harness = harness;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/load/jobs", this::list)
                .delete("/load/jobs", this::stopAll)
                .get(ApiRoutes.JOB, this::get)
                .delete(ApiRoutes.JOB, this::stop);
    }

    private void list(ServerRequest req, ServerResponse res) {
        res.send(JsonMapping.jobs(harness.jobs()));
    }

    private void stopAll(ServerRequest req, ServerResponse res) {
        res.send(JsonMapping.object().add("stopped", harness.stopAll()).build());
    }

    private void get(ServerRequest req, ServerResponse res) {
        res.send(JsonMapping.job(harness.job(req.path().pathParameters().get(JOB_ID))));
    }

    private void stop(ServerRequest req, ServerResponse res) {
        res.send(JsonMapping.job(harness.stop(req.path().pathParameters().get(JOB_ID))));
    }
}
