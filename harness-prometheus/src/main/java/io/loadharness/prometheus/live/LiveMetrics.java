package io.loadharness.prometheus.live;

import io.loadharness.prometheus.DurationText;
import io.loadharness.prometheus.ErrorKind;
import io.loadharness.prometheus.Point;
import io.loadharness.prometheus.PrometheusClient;
import io.loadharness.prometheus.QueryError;
import io.loadharness.prometheus.QueryResult;
import io.loadharness.prometheus.QuerySuccess;
import io.loadharness.prometheus.ResultData;
import io.loadharness.prometheus.Series;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The dashboard's live metrics: five figures now ({@link #snapshot()}) and over the last minutes
 * ({@link #history(Duration)}), read from Prometheus through a {@link QueryProfile}, or from this process alone
 * when Prometheus cannot be reached.
 *
 * <pre>{@code
 * LiveMetrics live = LiveMetrics.fromEnvironment(System.getenv(), requestStats);
 * MetricsSnapshot now = live.snapshot();          // now.cpu().display() -> "78.3 %", now.pods() -> "3/5"
 * MetricsHistory chart = live.history(Duration.ofMinutes(5));
 * }</pre>
 *
 * <p><b>Concurrency and load.</b> A snapshot runs its queries (one per figure, plus the pod maximum)
 * concurrently on virtual threads, so it takes as long as the slowest query, bounded by the client's
 * timeout. Snapshots and histories are cached for {@link Builder#cacheTtl(Duration) a short TTL}, and callers
 * arriving while one is being read wait for that one instead of starting another: any number of open
 * dashboards cost Prometheus one set of queries per TTL.
 *
 * <p><b>Failures.</b> Nothing is thrown for a failed query: each figure is a {@link Reading} or an
 * {@link Unavailable} with a {@link FailureKind} and a reason, so one bad query shows {@code "-"} while the
 * others still show. When <em>every</em> query failed because Prometheus could not be reached (unreachable,
 * timed out, or a 502/503/504 from a proxy in front of it) and a fallback is configured, the figures come
 * from this process instead and the snapshot says {@link Source#LOCAL} with a note on why. Prometheus is then
 * left alone for {@link Builder#retryAfter(Duration) a retry interval}, so that a Prometheus that times out
 * does not make every refresh wait for the timeout.
 *
 * <p>Thread-safe. {@link #close()} stops every thread it started and closes the client.
 */
public final class LiveMetrics implements AutoCloseable {

    /** Default time a snapshot or history is reused. */
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(2);
    /** Default number of points per history series. */
    public static final int DEFAULT_HISTORY_POINTS = 120;
    /** Default time the fallback is used without asking Prometheus again. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(10);
    /** Shortest history window. */
    public static final Duration MIN_WINDOW = Duration.ofSeconds(10);
    /** Longest history window. */
    public static final Duration MAX_WINDOW = Duration.ofHours(24);

    private static final String SNAPSHOT = "snapshot";

    private final PrometheusClient prometheus;
    private final QueryProfile profile;
    private final Optional<LocalSource> fallback;
    private final InstantSource clock;
    private final int historyPoints;
    private final SharedCache<String, MetricsSnapshot> snapshots;
    private final SharedCache<Duration, MetricsHistory> histories;
    private final Duration retryAfter;
    private final ExecutorService queries = Executors.newVirtualThreadPerTaskExecutor();
    /** While Prometheus is away: why, and until when not to ask it again. */
    private volatile Outage outage;

    private record Outage(String note, Instant retryAt) {
    }

    private LiveMetrics(Builder builder) {
        this.prometheus = builder.prometheus;
        this.profile = builder.profile;
        this.clock = builder.clock;
        this.historyPoints = builder.historyPoints;
        this.retryAfter = builder.retryAfter;
        this.snapshots = new SharedCache<>(builder.cacheTtl, clock);
        this.histories = new SharedCache<>(builder.cacheTtl, clock);
        this.fallback = Optional.ofNullable(builder.fallback).map(stats -> profile.name().equals(QueryProfile.LOCAL)
                ? new LocalSource(stats, Double.parseDouble(profile.parameters().get("cores")),
                        Long.parseLong(profile.parameters().get("memoryBytes")), profile.rateWindow(), clock)
                : new LocalSource(stats, LocalSource.defaultCores(), LocalSource.defaultMemoryBytes(),
                        profile.rateWindow(), clock));
    }

    /**
     * @return a builder; {@link Builder#prometheus} is required
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Configures everything from environment variables:
     * <ul>
     *   <li>the client, see {@link PrometheusClient.Builder#environment(Map)}: {@code PROMETHEUS_URL},
     *       {@code ENVIRONMENT}, {@code PROMETHEUS_TIMEOUT}, {@code PROMETHEUS_BEARER_TOKEN(_FILE)},
     *       {@code PROMETHEUS_USERNAME}/{@code _PASSWORD}, {@code PROMETHEUS_HEADERS};</li>
     *   <li>{@code LIVE_METRICS_PROFILE}: {@code kubernetes} or {@code local}; default {@code local} when
     *       {@code ENVIRONMENT} is {@code local} or unset, else {@code kubernetes}; then the profile's own keys, see
     *       {@link QueryProfile.Builder#environment(Map)};</li>
     *   <li>{@code LIVE_METRICS_CACHE_TTL} (default {@code 2s}), {@code LIVE_METRICS_RETRY_AFTER} (default
     *       {@code 10s}), {@code LIVE_METRICS_HISTORY_POINTS}
     *       (default 120), {@code LIVE_METRICS_FALLBACK} ({@code true} by default; {@code false} to show
     *       failures instead of this process's figures).</li>
     * </ul>
     *
     * @param environment  the environment variables, usually {@link System#getenv()}
     * @param requestStats this server's request totals, for the fallback
     * @return live metrics; close them when done
     * @throws IllegalArgumentException if a value is malformed or out of range
     */
    public static LiveMetrics fromEnvironment(Map<String, String> environment, LocalRequestStats requestStats) {
        Objects.requireNonNull(requestStats, "requestStats");
        String profileName = environment.get("LIVE_METRICS_PROFILE");
        if (profileName == null || profileName.isBlank()) {
            profileName = PrometheusClient.isLocal(environment) ? QueryProfile.LOCAL : QueryProfile.KUBERNETES;
        }
        QueryProfile profile = QueryProfile.named(profileName).environment(environment).build();
        Builder builder = builder().profile(profile);
        String ttl = environment.get("LIVE_METRICS_CACHE_TTL");
        if (ttl != null && !ttl.isBlank()) {
            builder.cacheTtl(DurationText.parse(ttl, "LIVE_METRICS_CACHE_TTL"));
        }
        String retry = environment.get("LIVE_METRICS_RETRY_AFTER");
        if (retry != null && !retry.isBlank()) {
            builder.retryAfter(DurationText.parse(retry, "LIVE_METRICS_RETRY_AFTER"));
        }
        String points = environment.get("LIVE_METRICS_HISTORY_POINTS");
        if (points != null && !points.isBlank()) {
            try {
                builder.historyPoints(Integer.parseInt(points.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("LIVE_METRICS_HISTORY_POINTS must be a whole number, was \""
                        + points + '"', e);
            }
        }
        String fallback = environment.getOrDefault("LIVE_METRICS_FALLBACK", "true").strip().toLowerCase(Locale.ROOT);
        if (!fallback.equals("true") && !fallback.equals("false")) {
            throw new IllegalArgumentException("LIVE_METRICS_FALLBACK must be true or false, was \"" + fallback + '"');
        }
        if (fallback.equals("true")) {
            builder.fallback(requestStats);
        }
        return builder.prometheus(PrometheusClient.builder().environment(environment).build()).build();
    }

    /**
     * Reads the five figures, or returns the snapshot read less than the cache TTL ago, or waits for the
     * snapshot another caller is reading. Never blocks longer than about the client's timeout.
     *
     * @return the figures, each a value or a classified failure
     * @throws IllegalStateException if closed
     */
    public MetricsSnapshot snapshot() {
        return snapshots.get(SNAPSHOT, this::readSnapshot);
    }

    /**
     * Reads the five figures over the window ending now (one range query each, run concurrently), with about
     * {@link Builder#historyPoints} points per series at a step of whole seconds, so a chart is full the
     * moment a page opens. Cached and shared like {@link #snapshot()}, per window.
     *
     * @param window how far back, {@link #MIN_WINDOW} to {@link #MAX_WINDOW}; truncated to whole seconds
     * @return one series per figure
     * @throws IllegalArgumentException if window is out of range
     * @throws IllegalStateException    if closed
     */
    public MetricsHistory history(Duration window) {
        Objects.requireNonNull(window, "window");
        if (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("window must be between " + MIN_WINDOW.toSeconds() + " s and "
                    + MAX_WINDOW.toHours() + " h, was " + window);
        }
        Duration key = window.truncatedTo(ChronoUnit.SECONDS);
        return histories.get(key, () -> readHistory(key));
    }

    /**
     * @return the Prometheus base URL, e.g. for "Cannot connect to Prometheus at ..."
     */
    public URI prometheusUrl() {
        return prometheus.url();
    }

    /**
     * @return the queries in use
     */
    public QueryProfile profile() {
        return profile;
    }

    /**
     * Stops the query threads and closes the Prometheus client. Safe to call more than once.
     */
    @Override
    public void close() {
        queries.shutdownNow();
        try {
            if (!queries.awaitTermination(prometheus.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                System.getLogger(LiveMetrics.class.getName()).log(System.Logger.Level.WARNING,
                        "live-metrics queries still running after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        prometheus.close();
    }

    private MetricsSnapshot readSnapshot() {
        Optional<String> away = stillAway();
        if (away.isPresent()) {
            return fallback.orElseThrow().snapshot(away.get());
        }
        Instant takenAt = clock.instant();
        long started = System.nanoTime();
        Optional<Future<QueryResult>> limitQuery = profile.podLimitQuery()
                .map(query -> submit(() -> prometheus.query(query)));
        Map<Metric, QueryResult> results = concurrently(metric -> prometheus.query(profile.query(metric)));
        QueryResult limit = limitQuery.map(this::await).orElse(null);
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        Optional<String> unreachable = unreachable(results);
        if (unreachable.isPresent() && fallback.isPresent()) {
            outage = new Outage(unreachable.get(), clock.instant().plus(retryAfter));
            return fallback.get().snapshot(unreachable.get());
        }
        Map<Metric, Figure> figures = new EnumMap<>(Metric.class);
        results.forEach((metric, result) -> figures.put(metric, figure(metric, result, limit)));
        return new MetricsSnapshot(Source.PROMETHEUS, takenAt, latency, figures, Optional.empty());
    }

    private MetricsHistory readHistory(Duration window) {
        Instant end = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant start = end.minus(window);
        Optional<String> away = stillAway();
        if (away.isPresent()) {
            return fallback.orElseThrow().history(start, end, away.get());
        }
        long stepSeconds = Math.max(1, (window.toSeconds() + historyPoints - 1) / historyPoints);
        Duration step = Duration.ofSeconds(stepSeconds);
        Map<Metric, QueryResult> results = concurrently(
                metric -> prometheus.queryRange(profile.query(metric), start, end, step));
        Optional<String> unreachable = unreachable(results);
        if (unreachable.isPresent() && fallback.isPresent()) {
            outage = new Outage(unreachable.get(), clock.instant().plus(retryAfter));
            return fallback.get().history(start, end, unreachable.get());
        }
        Map<Metric, FigureHistory> series = new EnumMap<>(Metric.class);
        results.forEach((metric, result) -> series.put(metric, history(metric, result)));
        return new MetricsHistory(Source.PROMETHEUS, start, end, step, series, Optional.empty());
    }

    /**
     * Says why, if Prometheus was found unreachable less than the retry interval ago: the fallback answers
     * alone until then, so a Prometheus that times out does not hold every refresh for the whole timeout.
     */
    private Optional<String> stillAway() {
        Outage current = outage;
        if (current == null || fallback.isEmpty()) {
            return Optional.empty();
        }
        if (clock.instant().isBefore(current.retryAt())) {
            return Optional.of(current.note());
        }
        outage = null;
        return Optional.empty();
    }

    /** Runs one query per metric, each on its own virtual thread, and waits for all of them. */
    private Map<Metric, QueryResult> concurrently(Function<Metric, QueryResult> query) {
        Map<Metric, Future<QueryResult>> futures = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            futures.put(metric, submit(() -> query.apply(metric)));
        }
        Map<Metric, QueryResult> results = new EnumMap<>(Metric.class);
        futures.forEach((metric, future) -> results.put(metric, await(future)));
        return results;
    }

    private Future<QueryResult> submit(Callable<QueryResult> query) {
        try {
            return queries.submit(query);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("LiveMetrics is closed", e);
        }
    }

    private QueryResult await(Future<QueryResult> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new QueryError.Unreachable("interrupted before " + prometheus.url() + " answered");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IllegalStateException closed) {
                throw closed;
            }
            throw new IllegalStateException("query failed unexpectedly", e.getCause());
        }
    }

    /** Says why, if every query failed because Prometheus could not be reached at all. */
    private Optional<String> unreachable(Map<Metric, QueryResult> results) {
        String first = null;
        for (QueryResult result : results.values()) {
            if (!(result instanceof QueryError error) || !cannotReach(error)) {
                return Optional.empty();
            }
            first = first == null ? error.reason() : first;
        }
        return Optional.of(first + " - showing this process only");
    }

    private static boolean cannotReach(QueryError error) {
        return error.kind() == ErrorKind.UNREACHABLE || error.kind() == ErrorKind.TIMEOUT
                || error instanceof QueryError.HttpError http
                && (http.status() == 502 || http.status() == 503 || http.status() == 504);
    }

    private Figure figure(Metric metric, QueryResult result, QueryResult limit) {
        Figure figure = number(metric, result);
        if (metric == Metric.PODS && figure instanceof Reading reading && limit != null
                && number(metric, limit) instanceof Reading max) {
            return new Reading(metric, reading.value(), OptionalDouble.of(max.value()));
        }
        return figure;
    }

    private Figure number(Metric metric, QueryResult result) {
        return switch (result) {
            case QueryError error -> new Unavailable(metric, FailureKind.of(error.kind()), error.reason());
            case QuerySuccess success -> switch (success.data()) {
                case ResultData.Scalar scalar -> value(metric, scalar.point().value());
                case ResultData.Vector vector when vector.samples().size() == 1 ->
                        value(metric, vector.samples().getFirst().value());
                case ResultData.Vector vector when vector.samples().isEmpty() -> new Unavailable(metric,
                        FailureKind.NO_DATA, "no data: the " + metric.label().toLowerCase(Locale.ROOT)
                        + " query matched no series");
                case ResultData.Vector vector -> notOneNumber(metric, vector.samples().size() + " series");
                case ResultData.Matrix matrix -> notOneNumber(metric, "a range matrix");
                case ResultData.Text text -> notOneNumber(metric, "a string");
            };
        };
    }

    private Figure value(Metric metric, double value) {
        if (Double.isNaN(value)) {
            return new Unavailable(metric, FailureKind.NO_DATA, metric == Metric.RESPONSE_TIME
                    ? "no requests in the last " + DurationText.promql(profile.rateWindow()) + " to average"
                    : "no value (NaN)");
        }
        if (Double.isInfinite(value)) {
            return new Unavailable(metric, FailureKind.NO_DATA, "no value (division by a zero limit?)");
        }
        return Reading.of(metric, value);
    }

    private static Unavailable notOneNumber(Metric metric, String what) {
        return new Unavailable(metric, FailureKind.NOT_A_SINGLE_NUMBER,
                "the " + metric.label().toLowerCase(Locale.ROOT) + " query returned " + what
                        + " instead of one number; aggregate it, e.g. with sum(...)");
    }

    private static FigureHistory history(Metric metric, QueryResult result) {
        return switch (result) {
            case QueryError error -> new Unavailable(metric, FailureKind.of(error.kind()), error.reason());
            case QuerySuccess success -> switch (success.data()) {
                case ResultData.Matrix matrix when matrix.series().size() == 1 -> timeline(metric,
                        matrix.series().getFirst());
                case ResultData.Matrix matrix when matrix.series().isEmpty() -> new Unavailable(metric,
                        FailureKind.NO_DATA, "no data in the window");
                case ResultData.Matrix matrix -> notOneNumber(metric, matrix.series().size() + " series");
                default -> notOneNumber(metric, "a " + success.data().resultType());
            };
        };
    }

    private static Timeline timeline(Metric metric, Series series) {
        List<Point> finite = series.points().stream().filter(point -> Double.isFinite(point.value())).toList();
        return new Timeline(metric, finite);
    }

    /**
     * Configures {@link LiveMetrics}.
     */
    public static final class Builder {

        private PrometheusClient prometheus;
        private QueryProfile profile;
        private Duration cacheTtl = DEFAULT_CACHE_TTL;
        private int historyPoints = DEFAULT_HISTORY_POINTS;
        private LocalRequestStats fallback;
        private InstantSource clock = InstantSource.system();
        private Duration retryAfter = DEFAULT_RETRY_AFTER;

        private Builder() {
        }

        /**
         * @param prometheus the client to query; {@link LiveMetrics#close()} closes it. Required.
         * @return this builder
         */
        public Builder prometheus(PrometheusClient prometheus) {
            this.prometheus = Objects.requireNonNull(prometheus, "prometheus");
            return this;
        }

        /**
         * @param profile the queries; default {@code QueryProfile.local().build()}
         * @return this builder
         */
        public Builder profile(QueryProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /**
         * @param cacheTtl how long a snapshot or history is reused, 0 (share in-flight reads only) to 1 min;
         *                 default 2 s
         * @return this builder
         */
        public Builder cacheTtl(Duration cacheTtl) {
            this.cacheTtl = Objects.requireNonNull(cacheTtl, "cacheTtl");
            return this;
        }

        /**
         * @param historyPoints points per history series, 10 to 2000; default 120
         * @return this builder
         */
        public Builder historyPoints(int historyPoints) {
            this.historyPoints = historyPoints;
            return this;
        }

        /**
         * Enables the fallback: when Prometheus cannot be reached, figures come from this process, with
         * request rate and response time from these totals. Without it, such figures are
         * {@link Unavailable}. The totals are read once now, as the baseline of the first rate.
         *
         * @param requestStats this server's request totals
         * @return this builder
         */
        public Builder fallback(LocalRequestStats requestStats) {
            this.fallback = Objects.requireNonNull(requestStats, "requestStats");
            return this;
        }

        /**
         * @param retryAfter once Prometheus is found unreachable, how long the fallback answers alone before
         *                   Prometheus is asked again; 0 to 5 min, default 10 s. Only matters with a fallback.
         * @return this builder
         */
        public Builder retryAfter(Duration retryAfter) {
            this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
            return this;
        }

        /**
         * @param clock the time source of snapshots, histories and the cache; default the system clock
         * @return this builder
         */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @return live metrics; close them when done
         * @throws IllegalArgumentException if prometheus is missing or a value is out of range
         */
        public LiveMetrics build() {
            if (prometheus == null) {
                throw new IllegalArgumentException("prometheus is required: a PrometheusClient");
            }
            if (cacheTtl.isNegative() || cacheTtl.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("cacheTtl must be between 0 and 1 min, was " + cacheTtl);
            }
            if (retryAfter.isNegative() || retryAfter.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("retryAfter must be between 0 and 5 min, was " + retryAfter);
            }
            if (historyPoints < 10 || historyPoints > 2000) {
                throw new IllegalArgumentException("historyPoints must be between 10 and 2000, was " + historyPoints);
            }
            if (profile == null) {
                profile = QueryProfile.local().build();
            }
            return new LiveMetrics(this);
        }
    }
}
