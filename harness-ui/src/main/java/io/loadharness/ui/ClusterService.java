package io.loadharness.ui;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.loadharness.core.LoadHarness;
import io.loadharness.core.fanout.FanOutProgress;
import io.loadharness.core.fanout.FanOutResult;
import io.loadharness.core.fanout.FanOutRun;
import io.loadharness.core.fanout.LatencyStats;
import io.loadharness.core.fanout.PodShare;
import io.loadharness.core.fanout.Transport;
import io.loadharness.core.params.FanOutSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The Cluster tab's fragments. {@code POST /partials/cluster-result} starts a fan-out and answers with
 * its result when it ends within {@link #INLINE_WAIT}, else with live progress that polls
 * {@code GET /partials/cluster-runs/{id}} until the result is there;
 * {@code POST /partials/cluster-runs/{id}/cancel} cancels it and answers with the partial result.
 */
final class ClusterService implements HttpService {

    /** How long a request waits for a fan-out before answering with progress instead. */
    static final Duration INLINE_WAIT = Duration.ofMillis(1500);
    /** Runs remembered for their progress and result, oldest forgotten first. */
    private static final int REMEMBERED_RUNS = 16;

    private final LoadHarness harness;
    private final IntFunction<ClusterTarget> targets;
    private final Views views;
    private final SameOrigin sameOrigin;
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    /**
     * @param targets the cluster for the port a request arrived on (the target of a local server is the
     *                server itself), or null when no cluster is configured
     */
    ClusterService(LoadHarness harness, IntFunction<ClusterTarget> targets, Views views, SameOrigin sameOrigin) {
        this.harness = harness;
        this.targets = targets;
        this.views = views;
        this.sameOrigin = sameOrigin;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/partials/cluster-result", sameOrigin, this::start)
                .get("/partials/cluster-runs/{id}", this::progress)
                .post("/partials/cluster-runs/{id}/cancel", sameOrigin, this::cancel);
    }

    private void start(ServerRequest req, ServerResponse res) {
        Rejections.guard(views, res, () -> {
            FanOutSpec spec = FanOutSpec.PARAMS.fromText(Forms.read(req));
            ClusterTarget target = targets.apply(req.localPeer().port());
            if (target == null) {
                views.error(res, Status.SERVICE_UNAVAILABLE_503, "Cluster load unavailable",
                        "No cluster URL is configured for this server.");
                return;
            }
            Run run = new Run(harness.startFanOut(spec, target.transport()), target.description());
            String id = remember(run);
            answer(res, id, run, run.run().await(INLINE_WAIT));
        });
    }

    private void progress(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        Run run = find(id);
        if (run == null) {
            views.error(res, Status.NOT_FOUND_404, "Unknown run", "No cluster run with id '" + shorten(id) + "'.");
            return;
        }
        answer(res, id, run, run.isDone() ? awaitQuietly(run.run(), Duration.ZERO) : null);
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        Run run = find(id);
        if (run == null) {
            views.error(res, Status.NOT_FOUND_404, "Unknown run", "No cluster run with id '" + shorten(id) + "'.");
            return;
        }
        run.run().cancel();
        answer(res, id, run, awaitQuietly(run.run(), Duration.ofSeconds(5)));
    }

    private void answer(ServerResponse res, String id, Run run, FanOutResult result) {
        if (result != null) {
            views.send(res, "partials/cluster_result", Map.of("cluster", ResultView.of(result, run.target())));
        } else {
            views.send(res, "partials/cluster_progress", Map.of("run", ProgressView.of(id, run.run().progress())));
        }
    }

    private static FanOutResult awaitQuietly(FanOutRun run, Duration timeout) {
        try {
            return run.await(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private String remember(Run run) {
        String id = "run_" + sequence.incrementAndGet();
        synchronized (runs) {
            runs.put(id, run);
            Iterator<Run> oldest = runs.values().iterator();
            while (runs.size() > REMEMBERED_RUNS && oldest.hasNext()) {
                if (oldest.next().isDone()) {
                    oldest.remove();
                }
            }
        }
        return id;
    }

    private Run find(String id) {
        synchronized (runs) {
            return runs.get(id);
        }
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }

    /**
     * Where a fan-out's calls go.
     *
     * @param transport   how each call reaches the cluster
     * @param description where the calls go, shown with results, e.g. the Service URL
     */
    record ClusterTarget(Transport transport, String description) {
    }

    /**
     * A remembered fan-out.
     *
     * @param run    the run
     * @param target where its calls go, for display
     */
    private record Run(FanOutRun run, String target) {
        boolean isDone() {
            return run.isDone();
        }
    }

    /**
     * A fan-out in flight, formatted.
     *
     * @param id        the run id
     * @param done      calls finished
     * @param total     calls asked for
     * @param doneLabel e.g. {@code 1,234 of 5,000}
     * @param succeeded e.g. {@code 1,230}
     * @param failed    e.g. {@code 4}
     * @param rate      calls finished in the last second, e.g. {@code 250.0 req/s}
     * @param elapsed   e.g. {@code 4 s}
     */
    record ProgressView(String id, int done, int total, String doneLabel, String succeeded, String failed,
                        String rate, String elapsed) {
        static ProgressView of(String id, FanOutProgress progress) {
            return new ProgressView(id, progress.done(), progress.total(),
                    Format.count(progress.done()) + " of " + Format.count(progress.total()),
                    Format.count(progress.succeeded()), Format.count(progress.failed()),
                    Format.rate(progress.currentRps()), Format.seconds(progress.elapsedSeconds()));
        }
    }

    /**
     * A finished fan-out, formatted.
     *
     * @param requested  calls asked for
     * @param sent       calls started
     * @param succeeded  calls that succeeded
     * @param failed     calls that failed
     * @param failures   failed calls by kind, e.g. {@code timeout: 3}
     * @param p50        median latency of successes
     * @param p90        90th percentile
     * @param p95        95th percentile
     * @param p99        99th percentile
     * @param average    mean latency
     * @param throughput finished calls per second
     * @param wall       time from first to last call
     * @param uniquePods how many pods answered
     * @param pods       a bar per pod
     * @param answered   calls that some pod answered (the bars' maximum)
     * @param cancelled  whether the run ended before sending every call
     * @param allFailed  whether no call succeeded
     * @param target     where the calls went, or empty
     */
    record ResultView(String requested, String sent, String succeeded, String failed, List<FailureView> failures,
                      String p50, String p90, String p95, String p99, String average, String throughput, String wall,
                      int uniquePods, List<PodView> pods, long answered, boolean cancelled, boolean allFailed,
                      String target) {
        static ResultView of(FanOutResult result, String target) {
            List<FailureView> failures = new ArrayList<>();
            result.failuresByKind().forEach((kind, count) -> failures.add(new FailureView(kind, Format.count(count))));
            result.failuresByStatus().forEach((status, count) ->
                    failures.add(new FailureView("HTTP " + status, Format.count(count))));
            long answered = result.pods().stream().mapToLong(PodShare::requests).sum();
            List<PodView> pods = result.pods().stream().map(PodView::of).toList();
            LatencyStats latency = result.latency();
            boolean any = latency.count() > 0;
            return new ResultView(Format.count(result.requested()), Format.count(result.sent()),
                    Format.count(result.succeeded()), Format.count(result.failed()), failures,
                    any ? Format.millis(latency.p50Ms()) : "-", any ? Format.millis(latency.p90Ms()) : "-",
                    any ? Format.millis(latency.p95Ms()) : "-", any ? Format.millis(latency.p99Ms()) : "-",
                    any ? Format.millis(latency.avgMs()) : "-", Format.rate(result.throughputRps()),
                    Format.millis(result.wallMs()), result.uniquePods(), pods, answered, result.cancelled(),
                    result.sent() > 0 && result.succeeded() == 0, target);
        }
    }

    /**
     * Failed calls of one kind.
     *
     * @param kind  e.g. {@code timeout} or {@code HTTP 503}
     * @param count e.g. {@code 3}
     */
    record FailureView(String kind, String count) {
    }

    /**
     * One pod's share of the answered calls.
     *
     * @param pod      the pod name
     * @param requests calls it answered
     * @param count    the same, formatted
     * @param share    e.g. {@code 34.5%}
     * @param latency  its mean latency, e.g. {@code 12.3 ms}
     */
    record PodView(String pod, long requests, String count, String share, String latency) {
        static PodView of(PodShare share) {
            return new PodView(share.pod(), share.requests(), Format.count(share.requests()),
                    Format.percent(share.share()), Format.millis(share.avgLatencyMs()));
        }
    }
}
