package io.loadharness.ui;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.loadharness.core.LoadHarness;
import io.loadharness.core.cpu.BurnResult;
import io.loadharness.core.jobs.CpuJobSnapshot;
import io.loadharness.core.params.BurnSpec;
import io.loadharness.core.params.CpuJobSpec;
import java.util.Map;

/**
 * The CPU tab's fragments: {@code POST /partials/cpu-result} starts a sustained job,
 * {@code POST /partials/cpu-burn-result} runs a one-shot burn and waits for it.
 */
final class CpuService implements HttpService {

    private final LoadHarness harness;
    private final Views views;
    private final SameOrigin sameOrigin;

    CpuService(LoadHarness harness, Views views, SameOrigin sameOrigin) {
        this.harness = harness;
        this.views = views;
        this.sameOrigin = sameOrigin;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/partials/cpu-result", sameOrigin, this::startJob)
                .post("/partials/cpu-burn-result", sameOrigin, this::burn);
    }

    private void startJob(ServerRequest req, ServerResponse res) {
        Rejections.guard(views, res, () -> {
            CpuJobSpec spec = CpuJobSpec.PARAMS.fromText(Forms.read(req));
            CpuJobSnapshot job = harness.startCpuJob(spec);
            res.header(Views.HX_TRIGGER, JobsService.JOBS_CHANGED);
            views.send(res, "partials/cpu_result", Map.of("job", CpuJobStarted.of(job)));
        });
    }

    private void burn(ServerRequest req, ServerResponse res) {
        Rejections.guard(views, res, () -> {
            BurnSpec spec = BurnSpec.PARAMS.fromText(Forms.read(req));
            BurnResult result = harness.burn(spec);
            views.send(res, "partials/cpu_burn_result", Map.of("burn", BurnView.of(result)));
        });
    }

    /**
     * A finished burn, formatted.
     *
     * @param duration   e.g. {@code 502.3 ms}
     * @param iterations e.g. {@code 45,230}
     * @param complexity e.g. {@code 5}
     */
    record BurnView(String duration, String iterations, String complexity) {
        static BurnView of(BurnResult result) {
            return new BurnView(Format.millis(result.durationMs()), Format.count(result.iterations()),
                    Integer.toString(result.complexity()));
        }
    }

    /**
     * A started CPU job, formatted.
     *
     * @param id        job id
     * @param cores     worker threads
     * @param duration  e.g. {@code 60 s}
     * @param intensity e.g. {@code 5 (50% busy)}
     * @param endsAt    e.g. {@code 14:03:27 UTC}
     */
    record CpuJobStarted(String id, String cores, String duration, String intensity, String endsAt) {
        static CpuJobStarted of(CpuJobSnapshot job) {
            return new CpuJobStarted(job.id(), Integer.toString(job.spec().cores()),
                    Format.seconds(job.spec().durationSeconds()),
                    job.spec().intensity() + " (" + job.spec().intensity() * 10 + "% busy)",
                    Format.clock(job.endsAt()));
        }
    }
}
