package io.loadharness.ui;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.loadharness.core.LoadHarness;
import io.loadharness.core.jobs.MemoryJobSnapshot;
import io.loadharness.core.memory.MemoryReport;
import io.loadharness.core.params.MemoryHoldSpec;
import io.loadharness.core.params.MemoryJobSpec;
import java.util.Map;

/**
 * The Memory tab's fragments: {@code POST /partials/memory-result} holds memory now and waits,
 * {@code POST /partials/memory-job-result} starts a background memory job.
 */
final class MemoryService implements HttpService {

    private final LoadHarness harness;
    private final Views views;
    private final SameOrigin sameOrigin;

    MemoryService(LoadHarness harness, Views views, SameOrigin sameOrigin) {
        this.harness = harness;
        this.views = views;
        this.sameOrigin = sameOrigin;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/partials/memory-result", sameOrigin, this::hold)
                .post("/partials/memory-job-result", sameOrigin, this::startJob);
    }

    private void hold(ServerRequest req, ServerResponse res) {
        Rejections.guard(views, res, () -> {
            MemoryHoldSpec spec = MemoryHoldSpec.PARAMS.fromText(Forms.read(req));
            MemoryReport report = harness.holdMemory(spec);
            views.send(res, "partials/memory_result", Map.of("hold", HoldView.of(report)));
        });
    }

    private void startJob(ServerRequest req, ServerResponse res) {
        Rejections.guard(views, res, () -> {
            MemoryJobSpec spec = MemoryJobSpec.PARAMS.fromText(Forms.read(req));
            MemoryJobSnapshot job = harness.startMemoryJob(spec);
            res.header(Views.HX_TRIGGER, JobsService.JOBS_CHANGED);
            views.send(res, "partials/memory_job_result", Map.of("job", MemoryJobStarted.of(job)));
        });
    }

    /**
     * A finished hold, formatted; RSS figures are {@code -} where the platform has none.
     *
     * @param size       e.g. {@code 100 MB}
     * @param held       e.g. {@code 2,000.4 ms}
     * @param allocation e.g. {@code 35.2 ms}
     * @param rssBefore  e.g. {@code 80.2 MB}
     * @param rssPeak    e.g. {@code 180.4 MB}
     * @param rssAfter   e.g. {@code 81.0 MB}
     */
    record HoldView(String size, String held, String allocation, String rssBefore, String rssPeak, String rssAfter) {
        static HoldView of(MemoryReport report) {
            return new HoldView(Format.count(report.requestedMb()) + " MB", Format.millis(report.heldMs()),
                    Format.millis(report.allocationMs()), Format.megabytes(report.rssBefore()),
                    Format.megabytes(report.rssPeak()), Format.megabytes(report.rssAfter()));
        }
    }

    /**
     * A started memory job, formatted.
     *
     * @param id         job id
     * @param size       e.g. {@code 100 MB}
     * @param duration   e.g. {@code 60 s}
     * @param allocation e.g. {@code 35.2 ms}
     * @param endsAt     e.g. {@code 14:03:27 UTC}
     */
    record MemoryJobStarted(String id, String size, String duration, String allocation, String endsAt) {
        static MemoryJobStarted of(MemoryJobSnapshot job) {
            return new MemoryJobStarted(job.id(), Format.count(job.spec().sizeMb()) + " MB",
                    Format.seconds(job.spec().durationSeconds()), Format.millis(job.allocationMs()),
                    Format.clock(job.endsAt()));
        }
    }
}
