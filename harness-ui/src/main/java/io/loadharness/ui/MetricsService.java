package io.loadharness.ui;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.loadharness.prometheus.Point;
import io.loadharness.prometheus.live.FailureKind;
import io.loadharness.prometheus.live.Figure;
import io.loadharness.prometheus.live.FigureHistory;
import io.loadharness.prometheus.live.LiveMetrics;
import io.loadharness.prometheus.live.Metric;
import io.loadharness.prometheus.live.MetricsHistory;
import io.loadharness.prometheus.live.MetricsSnapshot;
import io.loadharness.prometheus.live.Reading;
import io.loadharness.prometheus.live.Source;
import io.loadharness.prometheus.live.Timeline;
import io.loadharness.prometheus.live.Unavailable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The live-metrics panel: {@code GET /partials/live-metrics} renders the five figures now and the
 * newest chart point; {@code GET /api/metrics-history?window_seconds=60} answers the charts' history
 * as JSON ({@code {"cpu":[[epochMs,value],...],"memory":[...],"rps":[...]}}), fetched once by the page.
 */
final class MetricsService implements HttpService {

    /** Pods drawn as dots at most; more are summarised by the count. */
    static final int MAX_DOTS = 20;
    private static final Set<FailureKind> CONNECTION_FAILURES =
            EnumSet.of(FailureKind.UNREACHABLE, FailureKind.TIMEOUT, FailureKind.HTTP_ERROR);

    private final LiveMetrics metrics;
    private final Views views;

    /**
     * @param metrics the figures' source, or null when live metrics are not configured
     */
    MetricsService(LiveMetrics metrics, Views views) {
        this.metrics = metrics;
        this.views = views;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/partials/live-metrics", this::panel)
                .get("/api/metrics-history", this::history);
    }

    private void history(ServerRequest req, ServerResponse res) {
        Views.securityHeaders(res);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        long seconds;
        try {
            seconds = Long.parseLong(req.query().first("window_seconds").orElse("60").strip());
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 10 || seconds > 3600) {
            res.status(Status.BAD_REQUEST_400).header(HeaderNames.CONTENT_TYPE, "application/json")
                    .send("{\"error\":\"window_seconds must be between 10 and 3600\"}");
            return;
        }
        try {
            res.header(HeaderNames.CONTENT_TYPE, "application/json").send(historyJson(Duration.ofSeconds(seconds)));
        } catch (IllegalStateException e) {
            res.status(Status.SERVICE_UNAVAILABLE_503).header(HeaderNames.CONTENT_TYPE, "application/json")
                    .send("{\"error\":\"live metrics are closed\"}");
        }
    }

    private void panel(ServerRequest req, ServerResponse res) {
        try {
            views.send(res, "partials/live_metrics", Map.of("metrics", now()));
        } catch (IllegalStateException e) {
            views.error(res, Status.SERVICE_UNAVAILABLE_503, "Metrics unavailable", e.getMessage());
        }
    }

    /**
     * @return the panel's model now
     */
    MetricsView now() {
        return metrics == null ? MetricsView.notConfigured() : MetricsView.of(metrics.snapshot(), metrics.prometheusUrl().toString());
    }

    /**
     * @param window how far back the charts go
     * @return the charts' history as JSON: {@code {"cpu":[[epochMs,value],...],"memory":[...],"rps":[...]}}
     */
    String historyJson(Duration window) {
        if (metrics == null) {
            return "{}";
        }
        MetricsHistory history = metrics.history(window);
        return "{\"cpu\":" + series(history.of(Metric.CPU)) + ",\"memory\":" + series(history.of(Metric.MEMORY))
                + ",\"rps\":" + series(history.of(Metric.REQUEST_RATE)) + "}";
    }

    private static String series(FigureHistory history) {
        if (!(history instanceof Timeline timeline)) {
            return "[]";
        }
        List<String> points = new ArrayList<>();
        for (Point point : timeline.points()) {
            if (Double.isFinite(point.value())) {
                points.add("[" + point.timestamp().toEpochMilli() + "," + number(point.value()) + "]");
            }
        }
        return "[" + String.join(",", points) + "]";
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /**
     * The panel's model.
     *
     * @param configured    whether live metrics are configured at all
     * @param source        {@code prometheus} or {@code local}
     * @param sourceLabel   {@code Prometheus} or {@code This process}
     * @param degraded      whether Prometheus could not be reached (the banner with Retry shows)
     * @param prometheusUrl where Prometheus was expected
     * @param note          why it could not be reached, or empty
     * @param takenAt       e.g. {@code 14:03:27 UTC}
     * @param cpu           CPU %
     * @param memory        memory %
     * @param pods          pods with their maximum
     * @param requestRate   req/s
     * @param responseTime  mean response ms
     * @param point         the newest chart point
     */
    record MetricsView(boolean configured, String source, String sourceLabel, boolean degraded, String prometheusUrl,
                       String note, String takenAt, FigureView cpu, FigureView memory, PodsView pods,
                       FigureView requestRate, FigureView responseTime, PointView point) {

        static MetricsView of(MetricsSnapshot snapshot, String prometheusUrl) {
            boolean local = snapshot.source() == Source.LOCAL;
            boolean unreachable = snapshot.all().stream().allMatch(figure ->
                    figure instanceof Unavailable unavailable && CONNECTION_FAILURES.contains(unavailable.kind()));
            String note = snapshot.note().orElseGet(() -> unreachable
                    ? ((Unavailable) snapshot.cpu()).reason() : "");
            return new MetricsView(true, local ? "local" : "prometheus", local ? "This process" : "Prometheus",
                    local || unreachable, prometheusUrl, note, Format.clock(snapshot.takenAt()),
                    FigureView.of(snapshot.cpu()), FigureView.of(snapshot.memory()), PodsView.of(snapshot.pods()),
                    FigureView.of(snapshot.requestRate()), FigureView.of(snapshot.responseTime()),
                    new PointView(snapshot.takenAt().toEpochMilli(), value(snapshot.cpu()), value(snapshot.memory()),
                            value(snapshot.requestRate())));
        }

        static MetricsView notConfigured() {
            FigureView none = new FigureView("-", false, "live metrics are not configured", "0");
            return new MetricsView(false, "none", "Not configured", false, "", "", "-", none, none,
                    new PodsView("-", false, "live metrics are not configured", List.of()), none, none,
                    new PointView(0, "", "", ""));
        }

        private static String value(Figure figure) {
            return figure instanceof Reading reading ? number(reading.value()) : "";
        }
    }

    /**
     * One figure.
     *
     * @param display   e.g. {@code 78.3 %}, or {@code -}
     * @param available whether it has a value
     * @param reason    why not, for the tooltip; empty when available
     * @param percent   the value clamped to 0-100 with one decimal, for a bar
     */
    record FigureView(String display, boolean available, String reason, String percent) {
        static FigureView of(Figure figure) {
            return switch (figure) {
                case Reading reading -> new FigureView(reading.display(), true, "",
                        String.format(Locale.ROOT, "%.1f", Math.clamp(reading.value(), 0.0, 100.0)));
                case Unavailable unavailable -> new FigureView(unavailable.display(), false, unavailable.reason(), "0");
            };
        }
    }

    /**
     * The pod count with a dot per pod.
     *
     * @param display   e.g. {@code 3/5}, or {@code -}
     * @param available whether it has a value
     * @param reason    why not, for the tooltip
     * @param dots      one entry per dot: true for a running pod, false for headroom up to the maximum
     */
    record PodsView(String display, boolean available, String reason, List<Boolean> dots) {
        static PodsView of(Figure figure) {
            return switch (figure) {
                case Reading reading -> {
                    int count = (int) Math.round(reading.value());
                    int max = (int) Math.round(reading.max().orElse(count));
                    List<Boolean> dots = new ArrayList<>();
                    for (int i = 0; i < Math.min(Math.max(count, max), MAX_DOTS); i++) {
                        dots.add(i < count);
                    }
                    yield new PodsView(reading.display(), true, "", dots);
                }
                case Unavailable unavailable -> new PodsView(unavailable.display(), false, unavailable.reason(), List.of());
            };
        }
    }

    /**
     * The newest chart point; an empty value leaves a gap.
     *
     * @param t      epoch milliseconds
     * @param cpu    CPU %
     * @param memory memory %
     * @param rps    req/s
     */
    record PointView(long t, String cpu, String memory, String rps) {
    }
}
