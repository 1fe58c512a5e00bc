package io.loadharness.ui;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.loadharness.core.LoadHarness;
import io.loadharness.core.jobs.CpuJobSnapshot;
import io.loadharness.core.jobs.JobSnapshot;
import io.loadharness.core.jobs.JobStatus;
import io.loadharness.core.jobs.MemoryJobSnapshot;
import java.util.List;
import java.util.Map;

/**
 * The active-jobs panel: {@code GET /partials/active-jobs} lists the jobs,
 * {@code POST /partials/active-jobs/{id}/stop} stops one and {@code POST /partials/active-jobs/stop-all}
 * stops every running job; both answer with the refreshed list.
 */
final class JobsService implements HttpService {

    /** The htmx event a response raises when it started a job, so the panel refreshes at once. */
    static final String JOBS_CHANGED = "jobs-changed";

    private final LoadHarness harness;
    private final Views views;
    private final SameOrigin sameOrigin;

    JobsService(LoadHarness harness, Views views, SameOrigin sameOrigin) {
        this.harness = harness;
        this.views = views;
        this.sameOrigin = sameOrigin;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/partials/active-jobs", this::list)
                .post("/partials/active-jobs/stop-all", sameOrigin, this::stopAll)
                .post("/partials/active-jobs/{id}/stop", sameOrigin, this::stop);
    }

    private void list(ServerRequest req, ServerResponse res) {
        views.send(res, "partials/active_jobs", Map.of("jobs", view(harness, "")));
    }

    private void stop(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        Rejections.guard(views, res, () -> {
            JobSnapshot job = harness.stop(id);
            views.send(res, "partials/active_jobs", Map.of("jobs", view(harness, "Stopped " + job.id() + ".")));
        });
    }

    private void stopAll(ServerRequest req, ServerResponse res) {
        int stopped = harness.stopAll();
        String notice = stopped == 0 ? "No job was running."
                : "Stopped " + stopped + (stopped == 1 ? " job." : " jobs.");
        views.send(res, "partials/active_jobs", Map.of("jobs", view(harness, notice)));
    }

    /**
     * @param harness the jobs' owner
     * @param notice  a line to show above the list, or empty
     * @return the panel's model now
     */
    static JobsView view(LoadHarness harness, String notice) {
        List<JobRow> rows = harness.jobs().stream().map(JobsService::row).toList();
        long running = rows.stream().filter(JobRow::running).count();
        return new JobsView(rows, (int) running, notice);
    }

    static JobRow row(JobSnapshot job) {
        boolean running = job.status() == JobStatus.RUNNING;
        int percent = (int) Math.round(Math.clamp(job.progress(), 0.0, 1.0) * 100);
        String timeLeft = running ? Format.seconds(job.remainingSeconds()) + " left" : "-";
        String failure = job.failure() == null ? "" : job.failure();
        return switch (job) {
            case CpuJobSnapshot cpu -> new JobRow(cpu.id(), "cpu", "CPU",
                    cpu.spec().cores() + (cpu.spec().cores() == 1 ? " core" : " cores") + " · "
                            + Format.seconds(cpu.spec().durationSeconds()) + " · intensity " + cpu.spec().intensity(),
                    job.status().wireName(), running, percent, timeLeft,
                    cpu.workersActive() + "/" + cpu.workersRequested() + " workers",
                    Format.percent(cpu.targetUtilization()), Format.percent(cpu.achievedUtilization()), "", failure);
            case MemoryJobSnapshot memory -> new JobRow(memory.id(), "memory", "Memory",
                    Format.count(memory.spec().sizeMb()) + " MB · " + Format.seconds(memory.spec().durationSeconds()),
                    job.status().wireName(), running, percent, timeLeft, "", "", "",
                    Format.megabytes(memory.heldBytes()), failure);
        };
    }

    /**
     * The panel's model.
     *
     * @param jobs    every remembered job, newest first
     * @param running how many run now
     * @param notice  a line about the last action, or empty
     */
    record JobsView(List<JobRow> jobs, int running, String notice) {
    }

    /**
     * One job, formatted.
     *
     * @param id         job id
     * @param type       {@code cpu} or {@code memory}
     * @param typeLabel  {@code CPU} or {@code Memory}
     * @param parameters e.g. {@code 2 cores · 60 s · intensity 5}
     * @param status     {@code running}, {@code completed}, {@code stopped} or {@code failed}
     * @param running    whether it runs now (it gets a Stop button)
     * @param percent    elapsed share of its duration, 0-100
     * @param timeLeft   e.g. {@code 45 s left}, or {@code -} once ended
     * @param workers    CPU: e.g. {@code 2/2 workers}; empty for memory
     * @param target     CPU: target utilisation, e.g. {@code 50.0%}; empty for memory
     * @param achieved   CPU: measured utilisation, e.g. {@code 48.7%}, {@code -} before the first measurement
     * @param held       memory: resident now, e.g. {@code 100.0 MB}; empty for CPU
     * @param failure    what ended a failed job, or empty
     */
    record JobRow(String id, String type, String typeLabel, String parameters, String status, boolean running,
                  int percent, String timeLeft, String workers, String target, String achieved, String held,
                  String failure) {
    }
}
