package io.loadharness.http;

import io.loadharness.core.Limits;
import io.loadharness.core.cpu.BurnResult;
import io.loadharness.core.cpu.WorkResult;
import io.loadharness.core.fanout.FanOutResult;
import io.loadharness.core.fanout.LatencyStats;
import io.loadharness.core.fanout.PodShare;
import io.loadharness.core.jobs.CpuJobSnapshot;
import io.loadharness.core.jobs.JobSnapshot;
import io.loadharness.core.jobs.MemoryJobSnapshot;
import io.loadharness.core.memory.MemoryReport;
import io.loadharness.core.system.SystemInfo;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Core's records as JSON, with the snake_case names of the original API. Non-finite numbers and
 * values the platform does not report become {@code null}.
 */
final class JsonMapping {

    // Looked up once: JsonProvider.provider() runs a ServiceLoader scan on every call.
    private static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final JsonBuilderFactory BUILDERS = PROVIDER.createBuilderFactory(Map.of());
    private static final JsonReaderFactory READERS = PROVIDER.createReaderFactory(Map.of());
    private static final JsonParserFactory PARSERS = PROVIDER.createParserFactory(Map.of());
    private static final JsonWriterFactory WRITERS = PROVIDER.createWriterFactory(Map.of());
    private static final double MB = 1 << 20;

    private JsonMapping() {
    }

    static JsonObjectBuilder object() {
        return BUILDERS.createObjectBuilder();
    }

    static JsonObjectBuilder object(JsonObject copyOf) {
        return BUILDERS.createObjectBuilder(copyOf);
    }

    static JsonArrayBuilder array() {
        return BUILDERS.createArrayBuilder();
    }

    /** A reader of UTF-8 JSON (RFC 8259 allows no other encoding between systems). */
    static JsonReader reader(InputStream in) {
        return READERS.createReader(in, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A streaming parser of UTF-8 JSON. */
    static JsonParser parser(InputStream in) {
        return PARSERS.createParser(in, java.nio.charset.StandardCharsets.UTF_8);
    }

    static JsonWriter writer(OutputStream out) {
        return WRITERS.createWriter(out);
    }

    static JsonObject burn(BurnResult result, String pod) {
        return object()
                .add("duration_ms", round(result.durationMs()))
                .add("iterations", result.iterations())
                .add("complexity", result.complexity())
                .add("pod", pod)
                .build();
    }

    static JsonObject work(WorkResult result, String pod) {
        return object()
                .add("iterations", result.iterations())
                .add("duration_ms", round(result.durationMs()))
                .add("pod", pod)
                .build();
    }

    static JsonObject memory(MemoryReport report, String pod) {
        JsonObjectBuilder json = object()
                .add("size_mb", report.requestedMb())
                .add("held_ms", round(report.heldMs()))
                .add("allocation_ms", round(report.allocationMs()));
        rss(json, "rss_before", report.rssBefore());
        rss(json, "rss_peak", report.rssPeak());
        rss(json, "rss_after", report.rssAfter());
        return json.add("pod", pod).build();
    }

    static JsonObject jobs(List<JobSnapshot> jobs) {
        JsonArrayBuilder array = array();
        jobs.forEach(job -> array.add(job(job)));
        return object().add("jobs", array).build();
    }

    static JsonObject job(JobSnapshot job) {
        JsonObjectBuilder json = object()
                .add("job_id", job.id())
                .add("type", job.type().wireName())
                .add("status", job.status().wireName());
        job.parameters().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> json.add(e.getKey(), e.getValue()));
        json.add("started_at", instant(job.startedAt()))
                .add("ends_at", instant(job.endsAt()));
        addNullable(json, "ended_at", job.endedAt() == null ? null : instant(job.endedAt()));
        json.add("remaining_seconds", round(job.remainingSeconds()))
                .add("progress", round(job.progress()));
        switch (job) {
            case CpuJobSnapshot cpu -> {
                json.add("workers_requested", cpu.workersRequested())
                        .add("workers_active", cpu.workersActive());
                number(json, "target_utilization", cpu.targetUtilization());
                number(json, "achieved_utilization", cpu.achievedUtilization());
            }
            case MemoryJobSnapshot memory -> {
                number(json, "held_mb", memory.heldMb());
                json.add("held_bytes", memory.heldBytes());
                number(json, "allocation_ms", memory.allocationMs());
            }
        }
        addNullable(json, "failure", job.failure());
        return json.build();
    }

    static JsonObject fanOut(FanOutResult result, String target, boolean keepAlive, String pod) {
        JsonObjectBuilder kinds = object();
        result.failuresByKind().forEach(kinds::add);
        JsonObjectBuilder statuses = object();
        result.failuresByStatus().forEach((status, count) -> statuses.add(String.valueOf(status), count));
        JsonArrayBuilder pods = array();
        for (PodShare share : result.pods()) {
            pods.add(object()
                    .add("pod", share.pod())
                    .add("requests", share.requests())
                    .add("share", round(share.share()))
                    .add("avg_latency_ms", round(share.avgLatencyMs())));
        }
        return object()
                .add("target", target)
                .add("keep_alive", keepAlive)
                .add("requested", result.requested())
                .add("sent", result.sent())
                .add("succeeded", result.succeeded())
                .add("failed", result.failed())
                .add("failures_by_kind", kinds)
                .add("failures_by_status", statuses)
                .add("wall_ms", round(result.wallMs()))
                .add("throughput_rps", round(result.throughputRps()))
                .add("latency_ms", latency(result.latency()))
                .add("unique_pods", result.uniquePods())
                .add("pods", pods)
                .add("cancelled", result.cancelled())
                .add("pod", pod)
                .build();
    }

    static JsonObject systemInfo(SystemInfo info, Limits limits, SystemFacts facts) {
        JsonObjectBuilder json = object()
                .add("pod", facts.pod())
                .add("environment", facts.environment())
                .add("version", facts.version())
                .add("java_version", info.javaVersion())
                .add("cores", info.cores())
                .add("heap_used_bytes", info.heapUsedBytes())
                .add("heap_max_bytes", info.heapMaxBytes());
        optional(json, "rss_bytes", info.rssBytes());
        optional(json, "container_memory_limit_bytes", info.containerMemoryLimit());
        optional(json, "container_cpu_limit", info.containerCpuLimit());
        json.add("physical_memory_bytes", info.physicalMemoryBytes());
        optional(json, "process_cpu_load", info.processCpuLoad());
        optional(json, "system_cpu_load", info.systemCpuLoad());
        json.add("uptime_seconds", round(info.uptime().toMillis() / 1000.0))
                .add("cluster_target", facts.clusterTarget())
                .add("held_memory_bytes", facts.heldMemoryBytes())
                .add("running_jobs", facts.runningJobs())
                .add("active_cpu_workers", facts.activeCpuWorkers())
                .add("running_fanouts", facts.runningFanOuts())
                .add("limits", limits(limits));
        return json.build();
    }

    static JsonObject limits(Limits limits) {
        return object()
                .add("memory_budget_mb", limits.memoryBudgetBytes() >> 20)
                .add("memory_budget_bytes", limits.memoryBudgetBytes())
                .add("max_jobs", limits.maxConcurrentJobs())
                .add("max_cpu_workers", limits.maxCpuWorkers())
                .add("max_fanouts", limits.maxConcurrentFanOuts())
                .add("fanout_rate", limits.maxFanOutRate())
                .add("fanout_call_timeout_ms", limits.fanOutCallTimeout().toMillis())
                .add("fanout_deadline_ms", limits.fanOutDeadline().toMillis())
                .add("finished_job_history", limits.finishedJobHistory())
                .build();
    }

    /**
     * The parts of {@code /system/info} that come from the API rather than from core's probe.
     *
     * @param pod              the harness's pod name (core's probe reads only the environment)
     * @param environment      deployment environment
     * @param version          version of this module
     * @param clusterTarget    the fan-out target, or a description of how it is chosen
     * @param heldMemoryBytes  memory held by holds and jobs now
     * @param runningJobs      jobs running now
     * @param activeCpuWorkers CPU workers running now
     * @param runningFanOuts   fan-outs running now
     */
    record SystemFacts(String pod, String environment, String version, String clusterTarget, long heldMemoryBytes,
                       int runningJobs, int activeCpuWorkers, int runningFanOuts) {
    }

    private static JsonObject latency(LatencyStats stats) {
        return object()
                .add("count", stats.count())
                .add("min", round(stats.minMs()))
                .add("avg", round(stats.avgMs()))
                .add("p50", round(stats.p50Ms()))
                .add("p90", round(stats.p90Ms()))
                .add("p95", round(stats.p95Ms()))
                .add("p99", round(stats.p99Ms()))
                .add("max", round(stats.maxMs()))
                .build();
    }

    private static void rss(JsonObjectBuilder json, String name, OptionalLong bytes) {
        if (bytes.isPresent()) {
            json.add(name + "_bytes", bytes.getAsLong());
            json.add(name + "_mb", round(bytes.getAsLong() / MB));
        } else {
            json.addNull(name + "_bytes");
            json.addNull(name + "_mb");
        }
    }

    private static void optional(JsonObjectBuilder json, String name, OptionalLong value) {
        if (value.isPresent()) {
            json.add(name, value.getAsLong());
        } else {
            json.addNull(name);
        }
    }

    private static void optional(JsonObjectBuilder json, String name, OptionalDouble value) {
        if (value.isPresent()) {
            number(json, name, value.getAsDouble());
        } else {
            json.addNull(name);
        }
    }

    private static void number(JsonObjectBuilder json, String name, double value) {
        if (Double.isFinite(value)) {
            json.add(name, round(value));
        } else {
            json.add(name, JsonValue.NULL);
        }
    }

    private static void addNullable(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }

    private static String instant(Instant instant) {
        return instant.toString();
    }

    /** Three decimals: enough for milliseconds and fractions, and stable to read. */
    private static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 1000.0) / 1000.0 : 0.0;
    }
}
