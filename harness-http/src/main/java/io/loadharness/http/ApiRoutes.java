package io.loadharness.http;

import io.helidon.http.Method;
import io.loadharness.core.params.BurnSpec;
import io.loadharness.core.params.CpuJobSpec;
import io.loadharness.core.params.FanOutSpec;
import io.loadharness.core.params.MemoryHoldSpec;
import io.loadharness.core.params.MemoryJobSpec;
import io.loadharness.core.params.ParamSet;
import io.loadharness.core.params.WorkSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every route of the API, relative to the mount prefix: the source of the OpenAPI document, of the
 * {@code route} label of the request metrics, and of the {@code Allow} header of a 405.
 */
final class ApiRoutes {

    /** The route label of a request that matched no route of the API. */
    static final String UNMATCHED = "unmatched";

    /** The template of the job routes; {@code job_id} is the path parameter. */
    static final String JOB = "/load/jobs/{job_id}";

    /**
     * One route.
     *
     * @param method   HTTP method
     * @param template path template relative to the prefix, e.g. {@code /load/jobs/{job_id}}
     * @param summary  one line for the OpenAPI document
     * @param params   the body parameters, or null for a route without a body
     * @param status   the success status
     * @param response what the success response holds
     */
    record Route(Method method, String template, String summary, ParamSet<?> params, int status, String response) {
    }

    static final List<Route> ALL = List.of(
            new Route(Method.POST, "/load/cpu", "Start a sustained CPU job", CpuJobSpec.PARAMS, 202, "The job"),
            new Route(Method.GET, "/load/cpu/status", "The CPU jobs, newest first", null, 200, "{\"jobs\": [...]}"),
            new Route(Method.POST, "/load/cpu/burn", "Keep one core busy for a while", BurnSpec.PARAMS, 200,
                    "duration_ms, iterations, complexity, pod"),
            new Route(Method.POST, "/load/cpu/work", "Perform a fixed amount of work: one fan-out call", WorkSpec.PARAMS,
                    200, "iterations, duration_ms, pod"),
            new Route(Method.POST, "/load/memory", "Allocate memory, hold it, release it", MemoryHoldSpec.PARAMS, 200,
                    "size, held time, RSS before/peak/after, allocation time, pod"),
            new Route(Method.POST, "/load/memory/jobs", "Start a background memory job", MemoryJobSpec.PARAMS, 202,
                    "The job"),
            new Route(Method.GET, "/load/jobs", "All jobs, newest first", null, 200, "{\"jobs\": [...]}"),
            new Route(Method.DELETE, "/load/jobs", "Emergency stop of every running job", null, 200, "{\"stopped\": n}"),
            new Route(Method.GET, JOB, "One job", null, 200, "The job"),
            new Route(Method.DELETE, JOB, "Stop a job; a finished job is returned unchanged", null, 200, "The job"),
            new Route(Method.POST, "/load/cluster", "Fan calls of fixed work out to the cluster target",
                    FanOutSpec.PARAMS, 200, "The aggregate: successes, failures by kind, latency, pods"),
            new Route(Method.GET, "/system/info", "System info, environment, version and limits", null, 200,
                    "System info"),
            new Route(Method.GET, "/metrics", "Prometheus metrics, text format 0.0.4", null, 200, "Metrics"),
            new Route(Method.GET, "/openapi", "This document", null, 200, "OpenAPI 3 document"),
            new Route(Method.GET, "/health/live", "Liveness", null, 200, "Health status"),
            new Route(Method.GET, "/health/ready", "Readiness", null, 200, "Health status"));

    /** Templates of the health observer's routes that are not in {@link #ALL}. */
    private static final List<String> OTHER_TEMPLATES = List.of("/health", "/health/started");

    private static final List<String[]> TEMPLATE_SEGMENTS = segments();
    private static final List<String> TEMPLATES = TEMPLATE_SEGMENTS.stream().map(t -> String.join("/", t)).toList();

    private ApiRoutes() {
    }

    /**
     * @return method names by template, in catalog order
     */
    static Map<String, Set<String>> methodsByTemplate() {
        Map<String, Set<String>> methods = new LinkedHashMap<>();
        for (Route route : ALL) {
            methods.computeIfAbsent(route.template(), t -> new LinkedHashSet<>()).add(route.method().text());
        }
        return methods;
    }

    /**
     * The route template a path matches, for metric labels.
     *
     * @param relativePath the request path with the prefix removed, starting with {@code /}
     * @return the template, or {@link #UNMATCHED}
     */
    static String template(String relativePath) {
        String[] parts = split(relativePath);
        for (int i = 0; i < TEMPLATE_SEGMENTS.size(); i++) {
            if (matches(TEMPLATE_SEGMENTS.get(i), parts)) {
                return TEMPLATES.get(i);
            }
        }
        return UNMATCHED;
    }

    private static boolean matches(String[] template, String[] parts) {
        if (template.length != parts.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            boolean parameter = template[i].startsWith("{");
            if (parameter ? parts[i].isEmpty() : !template[i].equals(parts[i])) {
                return false;
            }
        }
        return true;
    }

    private static String[] split(String path) {
        // Keeps a trailing empty segment so that "/load/jobs/" does not match "/load/jobs".
        return path.split("/", -1);
    }

    private static List<String[]> segments() {
        Set<String> templates = new LinkedHashSet<>();
        ALL.forEach(route -> templates.add(route.template()));
        templates.addAll(OTHER_TEMPLATES);
        List<String[]> result = new ArrayList<>();
        templates.forEach(t -> result.add(split(t)));
        return List.copyOf(result);
    }
}
