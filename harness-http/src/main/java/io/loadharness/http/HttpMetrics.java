package io.loadharness.http;

import io.loadharness.core.LoadHarness;
import io.loadharness.core.jobs.JobType;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The Prometheus metrics of one mounted API, in a registry of its own (never the global default),
 * so that two servers in one JVM report separately.
 *
 * <p>Metric names are a contract that dashboards and alerts query:
 * <ul>
 * <li>{@code http_server_requests_total{method,route,status}}: requests answered; {@code route} is the
 * route template, e.g. {@code /load/jobs/{job_id}}, or {@code unmatched};</li>
 * <li>{@code http_server_request_duration_seconds{method,route,status}}: a histogram of the same requests;</li>
 * <li>{@code loadharness_jobs_running{type="cpu"|"memory"}}, {@code loadharness_cpu_workers_active},
 * {@code loadharness_memory_held_bytes};</li>
 * <li>the JVM and process metrics of client_java under their standard names, among them
 * {@code process_cpu_seconds_total} and {@code process_resident_memory_bytes}.</li>
 * </ul>
 *
 * <pre>{@code
 * HarnessApi api = HarnessApi.register(routing, "/harness", harness, settings);
 * long requests = api.metrics().requestCount();
 * }</pre>
 */
public final class HttpMetrics {

    /** Content type of the exposition: Prometheus text format 0.0.4. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter requests;
    private final Histogram durations;
    private final LongAdder requestCount = new LongAdder();
    private final DoubleAdder requestSeconds = new DoubleAdder();

    HttpMetrics(LoadHarness harness) {
        requests = Counter.builder()
                .name("http_server_requests_total")
                .help("HTTP requests answered, by method, route template and status")
                .labelNames("method", "route", "status")
                .register(registry);
        durations = Histogram.builder()
                .name("http_server_request_duration_seconds")
                .help("Time to answer HTTP requests, by method, route template and status")
                .labelNames("method", "route", "status")
                .classicOnly()
                .register(registry);
        GaugeWithCallback.builder()
                .name("loadharness_jobs_running")
                .help("Jobs running now, by type")
                .labelNames("type")
                .callback(callback -> {
                    for (JobType type : JobType.values()) {
                        callback.call(harness.runningJobs(type), type.wireName());
                    }
                })
                .register(registry);
        GaugeWithCallback.builder()
                .name("loadharness_cpu_workers_active")
                .help("CPU worker threads running now across all jobs")
                .callback(callback -> callback.call(harness.activeCpuWorkers()))
                .register(registry);
        GaugeWithCallback.builder()
                .name("loadharness_memory_held_bytes")
                .help("Memory held now by memory holds and memory jobs, in bytes")
                .callback(callback -> callback.call(harness.heldMemoryBytes()))
                .register(registry);
        JvmMetrics.builder().register(registry);
    }

    /**
     * Records one answered request.
     *
     * @param method      HTTP method, e.g. {@code POST}
     * @param route       route template or {@link ApiRoutes#UNMATCHED}
     * @param status      HTTP status code
     * @param elapsedNanos time to answer, in nanoseconds
     */
    void record(String method, String route, int status, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        String code = Integer.toString(status);
        requests.labelValues(method, route, code).inc();
        durations.labelValues(method, route, code).observe(seconds);
        requestCount.increment();
        requestSeconds.add(seconds);
    }

    /**
     * @return requests answered by this API since it was mounted, every route and status: the sum
     *         of {@code http_server_requests_total}
     */
    public long requestCount() {
        return requestCount.sum();
    }

    /**
     * @return seconds spent answering those requests: the sum of
     *         {@code http_server_request_duration_seconds_sum}
     */
    public double requestSecondsSum() {
        return requestSeconds.sum();
    }

    /**
     * Writes every metric in Prometheus text format 0.0.4.
     *
     * @param out where to write; not closed
     * @throws IOException if writing fails
     */
    public void writeTo(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }

    /**
     * @return every metric in Prometheus text format 0.0.4
     */
    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
