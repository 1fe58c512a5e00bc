package io.loadharness.prometheus.live;

import io.loadharness.core.system.SystemProbe;
import io.loadharness.prometheus.Point;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The five figures for this process alone, measured without Prometheus: CPU from the process's CPU time
 * against the cores it may use, memory from its RSS against its memory reference, pod count 1, and request
 * rate and mean response time from the change in {@link LocalRequestStats} between samples.
 *
 * <p>Every snapshot takes a sample; rates compare it with the oldest earlier sample inside the rate window, as
 * {@code rate()} would, and are {@link FailureKind#NOT_MEASURED} while there is none. Samples are kept for {@link #RETENTION} so that
 * {@link #history} can draw what was seen while Prometheus was away.
 */
final class LocalSource {

    /** How long samples are kept for history. */
    static final Duration RETENTION = Duration.ofHours(1);
    /** Upper bound on kept samples, whatever the polling rate. */
    static final int MAX_SAMPLES = 3600;
    /** Below this, two samples are too close to make a rate of. */
    static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    record Sample(Instant at, long cpuNanos, OptionalLong rssBytes, long requests, double requestSeconds) {
    }

    private final LocalRequestStats stats;
    private final double cores;
    private final long memoryBytes;
    private final Duration rateWindow;
    private final InstantSource clock;
    private final LongSupplier cpuNanos;
    private final Supplier<OptionalLong> rss;
    private final Deque<Sample> samples = new ArrayDeque<>();

    LocalSource(LocalRequestStats stats, double cores, long memoryBytes, Duration rateWindow, InstantSource clock) {
        this(stats, cores, memoryBytes, rateWindow, clock, SystemProbe::processCpuNanos, SystemProbe::rssBytes);
    }

    LocalSource(LocalRequestStats stats, double cores, long memoryBytes, Duration rateWindow, InstantSource clock,
                LongSupplier cpuNanos, Supplier<OptionalLong> rss) {
        this.stats = stats;
        this.cores = cores;
        this.memoryBytes = memoryBytes;
        this.rateWindow = rateWindow;
        this.clock = clock;
        this.cpuNanos = cpuNanos;
        this.rss = rss;
        samples.add(sample());
    }

    /**
     * @return the cores that make 100 % CPU: this container's CPU limit, else the processors available
     */
    static double defaultCores() {
        return SystemProbe.containerCpuLimit().orElse(Runtime.getRuntime().availableProcessors());
    }

    /**
     * @return the bytes that make 100 % memory: this container's limit, else the machine's physical memory
     */
    static long defaultMemoryBytes() {
        return SystemProbe.containerMemoryLimit().orElseGet(() -> SystemProbe.info().physicalMemoryBytes());
    }

    synchronized MetricsSnapshot snapshot(String note) {
        long started = System.nanoTime();
        Sample now = sample();
        Sample base = reference(now);
        samples.addLast(now);
        trim(now.at());
        Map<Metric, Figure> figures = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            figures.put(metric, figure(metric, base, now));
        }
        return new MetricsSnapshot(Source.LOCAL, now.at(), Duration.ofNanos(System.nanoTime() - started), figures,
                Optional.of(note));
    }

    synchronized MetricsHistory history(Instant start, Instant end, String note) {
        List<Sample> inWindow = new ArrayList<>();
        Sample previous = null;
        EnumMap<Metric, List<Point>> points = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            points.put(metric, new ArrayList<>());
        }
        for (Sample sample : samples) {
            if (previous != null && !sample.at().isBefore(start) && !sample.at().isAfter(end)) {
                inWindow.add(sample);
                for (Metric metric : Metric.values()) {
                    if (figure(metric, previous, sample) instanceof Reading reading) {
                        points.get(metric).add(new Point(sample.at(), reading.value()));
                    }
                }
            }
            previous = sample;
        }
        Map<Metric, FigureHistory> series = new EnumMap<>(Metric.class);
        points.forEach((metric, list) -> series.put(metric, new Timeline(metric, list)));
        Duration step = inWindow.size() < 2 ? Duration.ZERO
                : Duration.between(inWindow.getFirst().at(), inWindow.getLast().at()).dividedBy(inWindow.size() - 1);
        return new MetricsHistory(Source.LOCAL, start, end, step, series, Optional.of(note));
    }

    private Sample sample() {
        return new Sample(clock.instant(), cpuNanos.getAsLong(), rss.get(), stats.requestCount(),
                stats.requestSecondsSum());
    }

    /** The oldest earlier sample inside the rate window, or null when there is none (as rate() has no value). */
    private Sample reference(Sample now) {
        Instant windowStart = now.at().minus(rateWindow);
        for (Sample sample : samples) {
            if (!sample.at().isBefore(windowStart)) {
                return sample;
            }
        }
        return null;
    }

    private void trim(Instant now) {
        Instant oldest = now.minus(RETENTION);
        while (samples.size() > MAX_SAMPLES || (samples.size() > 1 && samples.getFirst().at().isBefore(oldest))) {
            samples.removeFirst();
        }
    }

    private Figure figure(Metric metric, Sample base, Sample now) {
        Duration elapsed = base == null ? Duration.ZERO : Duration.between(base.at(), now.at());
        boolean measurable = elapsed.compareTo(MIN_INTERVAL) >= 0;
        double seconds = elapsed.toNanos() / 1e9;
        long requests = base == null ? 0 : now.requests() - base.requests();
        double requestSeconds = base == null ? 0 : now.requestSeconds() - base.requestSeconds();
        return switch (metric) {
            case PODS -> new Reading(metric, 1, OptionalDouble.of(1));
            case MEMORY -> now.rssBytes().isPresent()
                    ? Reading.of(metric, 100.0 * now.rssBytes().getAsLong() / memoryBytes)
                    : unmeasured(metric, "resident memory is not readable on this platform");
            case CPU -> !measurable ? tooSoon(metric)
                    : now.cpuNanos() < 0 ? unmeasured(metric, "process CPU time is not readable on this platform")
                    : Reading.of(metric, Math.max(0, 100.0 * (now.cpuNanos() - base.cpuNanos()) / 1e9 / seconds / cores));
            case REQUEST_RATE -> !measurable ? tooSoon(metric)
                    : requests < 0 ? unmeasured(metric, "request counter went backwards")
                    : Reading.of(metric, requests / seconds);
            case RESPONSE_TIME -> !measurable ? tooSoon(metric)
                    : requests < 0 || requestSeconds < 0 ? unmeasured(metric, "request counter went backwards")
                    : requests == 0 ? new Unavailable(metric, FailureKind.NO_DATA, "no requests to average since "
                            + base.at())
                    : Reading.of(metric, 1000.0 * requestSeconds / requests);
        };
    }

    private Unavailable tooSoon(Metric metric) {
        return new Unavailable(metric, FailureKind.NOT_MEASURED, "no earlier local sample in the last "
                + rateWindow.toSeconds() + " s to compare with; shown from the next refresh");
    }

    private static Unavailable unmeasured(Metric metric, String reason) {
        return new Unavailable(metric, FailureKind.NOT_MEASURED, reason);
    }
}
