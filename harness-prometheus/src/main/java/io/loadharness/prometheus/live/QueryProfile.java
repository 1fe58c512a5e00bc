package io.loadharness.prometheus.live;

import io.loadharness.core.system.SystemProbe;
import io.loadharness.prometheus.DurationText;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL behind the five live figures: one named template per {@link Metric}, plus one for the pod
 * maximum, filled in from a few parameters. Two presets ship:
 *
 * <ul>
 *   <li>{@link #kubernetes()}: container CPU and working-set memory of the deployment's pods against their
 *       limits (cAdvisor and kube-state-metrics), the deployment's replicas against the HPA maximum, and the
 *       harness's own HTTP metrics from those pods;</li>
 *   <li>{@link #local()}: the harness instances scraped under one job: process CPU against the machine's
 *       cores, RSS against a memory reference, {@code up} for the instance count, and their HTTP metrics.</li>
 * </ul>
 *
 * <pre>{@code
 * QueryProfile profile = QueryProfile.kubernetes().namespace("demo").deployment("load-harness").build();
 * String cpu = profile.query(Metric.CPU);
 * }</pre>
 *
 * <p>Both count only user traffic: requests to {@code /metrics} (scrapes) and {@code /health...} (probes)
 * are left out of request rate and response time by {@code route!~"/metrics|/health.*"}. The metric names are
 * those harness-http exports: {@code http_server_requests_total},
 * {@code http_server_request_duration_seconds_sum/_count}, {@code process_cpu_seconds_total},
 * {@code process_resident_memory_bytes}.
 *
 * <p>Templates name parameters as {@code ${name}}: {@code namespace}, {@code deployment}, {@code hpa},
 * {@code podRegex}, {@code job} (label values, escaped for a double-quoted PromQL string), {@code window}
 * (the rate window, e.g. {@code 1m}), {@code cores} and {@code memoryBytes} (numbers). Every figure's query
 * must return one number (a scalar or a one-element vector).
 */
public final class QueryProfile {

    /** Name of the {@link #kubernetes()} preset. */
    public static final String KUBERNETES = "kubernetes";
    /** Name of the {@link #local()} preset. */
    public static final String LOCAL = "local";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z]+)}");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    /** Scrapes and probes are not the traffic the dashboard is about. */
    private static final String USER_ROUTES = "route!~\"/metrics|/health.*\"";
    private static final String K8S_PODS = "namespace=\"${namespace}\", pod=~\"${podRegex}\"";
    private static final String K8S_CONTAINERS = K8S_PODS + ", container!=\"\", container!=\"POD\"";
    private static final String K8S_REQUESTS = K8S_PODS + ", " + USER_ROUTES;
    private static final String LOCAL_REQUESTS = "job=\"${job}\", " + USER_ROUTES;

    private static final Map<Metric, String> KUBERNETES_QUERIES = queries(
            "100 * sum(rate(container_cpu_usage_seconds_total{" + K8S_CONTAINERS + "}[${window}]))"
                    + " / sum(kube_pod_container_resource_limits{" + K8S_PODS + ", resource=\"cpu\"})",
            "100 * sum(container_memory_working_set_bytes{" + K8S_CONTAINERS + "})"
                    + " / sum(kube_pod_container_resource_limits{" + K8S_PODS + ", resource=\"memory\"})",
            "sum(kube_deployment_status_replicas{namespace=\"${namespace}\", deployment=\"${deployment}\"})",
            "sum(rate(http_server_requests_total{" + K8S_REQUESTS + "}[${window}]))",
            "1000 * sum(rate(http_server_request_duration_seconds_sum{" + K8S_REQUESTS + "}[${window}]))"
                    + " / sum(rate(http_server_request_duration_seconds_count{" + K8S_REQUESTS + "}[${window}]))");
    private static final String KUBERNETES_POD_LIMIT =
            "max(kube_horizontalpodautoscaler_spec_max_replicas{namespace=\"${namespace}\","
                    + " horizontalpodautoscaler=\"${hpa}\"})"
                    + " or max(kube_deployment_spec_replicas{namespace=\"${namespace}\", deployment=\"${deployment}\"})";

    private static final Map<Metric, String> LOCAL_QUERIES = queries(
            "100 * avg(rate(process_cpu_seconds_total{job=\"${job}\"}[${window}])) / ${cores}",
            "100 * avg(process_resident_memory_bytes{job=\"${job}\"}) / ${memoryBytes}",
            "sum(up{job=\"${job}\"})",
            "sum(rate(http_server_requests_total{" + LOCAL_REQUESTS + "}[${window}]))",
            "1000 * sum(rate(http_server_request_duration_seconds_sum{" + LOCAL_REQUESTS + "}[${window}]))"
                    + " / sum(rate(http_server_request_duration_seconds_count{" + LOCAL_REQUESTS + "}[${window}]))");
    private static final String LOCAL_POD_LIMIT = "count(up{job=\"${job}\"})";

    private final String name;
    private final Map<String, String> parameters;
    private final Map<Metric, String> templates;
    private final Map<Metric, String> queries;
    private final Optional<String> podLimitTemplate;
    private final Optional<String> podLimitQuery;
    private final Duration rateWindow;

    private QueryProfile(Builder builder, Map<String, String> parameters, Map<Metric, String> queries,
                         Optional<String> podLimitQuery) {
        this.name = builder.name;
        this.parameters = Collections.unmodifiableMap(parameters);
        this.templates = Collections.unmodifiableMap(new EnumMap<>(builder.templates));
        this.queries = Collections.unmodifiableMap(queries);
        this.podLimitTemplate = Optional.ofNullable(builder.podLimitTemplate);
        this.podLimitQuery = podLimitQuery;
        this.rateWindow = builder.rateWindow;
    }

    /**
     * The Kubernetes preset. Defaults: namespace {@code applications}, deployment
     * and HPA {@code load-harness}, pods matched by {@code <deployment>-<replicaset hash>-<pod hash>}, rate
     * window 1m.
     *
     * <p>CPU % = 100 x sum of container CPU rate / sum of container CPU limits; memory % = 100 x sum of
     * working sets / sum of memory limits (both are the pods' average utilisation of their limits); pods =
     * {@code kube_deployment_status_replicas}, maximum = the HPA's max replicas, else the desired replicas.
     *
     * @return a builder holding the Kubernetes queries
     */
    public static Builder kubernetes() {
        return new Builder(KUBERNETES, KUBERNETES_QUERIES, KUBERNETES_POD_LIMIT);
    }

    /**
     * The local preset, for harness instances on one machine scraped by a Prometheus under one job. Defaults:
     * job {@code load-harness}, cores = processors available to this JVM, memory reference = this machine's
     * physical memory (or this container's limit), rate window 1m.
     *
     * <p>CPU % = 100 x the instances' average {@code rate(process_cpu_seconds_total)} / cores, i.e. the
     * average share of the machine each instance uses; memory % = 100 x the average RSS / the memory
     * reference; pods = {@code sum(up)} (instances answering scrapes), maximum = {@code count(up)} (instances
     * configured).
     *
     * @return a builder holding the local queries
     */
    public static Builder local() {
        return new Builder(LOCAL, LOCAL_QUERIES, LOCAL_POD_LIMIT);
    }

    /**
     * @param name {@link #KUBERNETES} or {@link #LOCAL}, any case
     * @return the preset's builder
     * @throws IllegalArgumentException for another name
     */
    public static Builder named(String name) {
        return switch (Objects.requireNonNull(name, "name").strip().toLowerCase(Locale.ROOT)) {
            case KUBERNETES -> kubernetes();
            case LOCAL -> local();
            default -> throw new IllegalArgumentException(
                    "profile must be " + KUBERNETES + " or " + LOCAL + ", was \"" + name + '"');
        };
    }

    /**
     * @return the preset this profile started from: {@link #KUBERNETES} or {@link #LOCAL}
     */
    public String name() {
        return name;
    }

    /**
     * @param metric which figure
     * @return its PromQL with every parameter filled in
     */
    public String query(Metric metric) {
        return queries.get(metric);
    }

    /**
     * @param metric which figure
     * @return its template, with {@code ${...}} parameters
     */
    public String template(Metric metric) {
        return templates.get(metric);
    }

    /**
     * @return the PromQL of the pod maximum (the "5" of "3/5"), if the profile has one
     */
    public Optional<String> podLimitQuery() {
        return podLimitQuery;
    }

    /**
     * @return the template of the pod maximum, if the profile has one
     */
    public Optional<String> podLimitTemplate() {
        return podLimitTemplate;
    }

    /**
     * @return the parameter values, raw (before escaping), by name
     */
    public Map<String, String> parameters() {
        return parameters;
    }

    /**
     * @return the window of the {@code rate()} in the queries; the local fallback uses the same window
     */
    public Duration rateWindow() {
        return rateWindow;
    }

    @Override
    public String toString() {
        return "QueryProfile[" + name + ", " + parameters + "]";
    }

    private static Map<Metric, String> queries(String cpu, String memory, String pods, String rate, String time) {
        EnumMap<Metric, String> map = new EnumMap<>(Metric.class);
        map.put(Metric.CPU, cpu);
        map.put(Metric.MEMORY, memory);
        map.put(Metric.PODS, pods);
        map.put(Metric.REQUEST_RATE, rate);
        map.put(Metric.RESPONSE_TIME, time);
        return map;
    }

    /**
     * Configures a {@link QueryProfile}, starting from a preset. Every setter is optional.
     */
    public static final class Builder {

        private final String name;
        private final EnumMap<Metric, String> templates;
        private String podLimitTemplate;
        private String namespace = "applications";
        private String deployment = "load-harness";
        private String hpa;
        private String podRegex;
        private String job = "load-harness";
        private Duration rateWindow = Duration.ofMinutes(1);
        private Double cores;
        private Long memoryBytes;

        private Builder(String name, Map<Metric, String> templates, String podLimitTemplate) {
            this.name = name;
            this.templates = new EnumMap<>(templates);
            this.podLimitTemplate = podLimitTemplate;
        }

        /**
         * @param namespace Kubernetes namespace of the deployment, a DNS label; default {@code applications}
         * @return this builder
         */
        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /**
         * @param deployment name of the harness deployment, a DNS label; default {@code load-harness}
         * @return this builder
         */
        public Builder deployment(String deployment) {
            this.deployment = deployment;
            return this;
        }

        /**
         * @param hpa name of the HorizontalPodAutoscaler, a DNS label; default the deployment name
         * @return this builder
         */
        public Builder hpa(String hpa) {
            this.hpa = hpa;
            return this;
        }

        /**
         * @param podRegex RE2 regex of the deployment's pod names; default
         *                 {@code <deployment>-[a-z0-9]+-[a-z0-9]+}
         * @return this builder
         */
        public Builder podRegex(String podRegex) {
            this.podRegex = podRegex;
            return this;
        }

        /**
         * @param job the Prometheus {@code job} label of the harness targets; default {@code load-harness}
         * @return this builder
         */
        public Builder job(String job) {
            this.job = job;
            return this;
        }

        /**
         * @param rateWindow the {@code rate()} window, 1 s to 1 h in whole seconds; at least four scrape
         *                   intervals; default 1 min
         * @return this builder
         */
        public Builder rateWindow(Duration rateWindow) {
            this.rateWindow = rateWindow;
            return this;
        }

        /**
         * @param cores CPU cores that make 100 % in the local profile, above 0; default the processors
         *              available to this JVM
         * @return this builder
         */
        public Builder cores(double cores) {
            this.cores = cores;
            return this;
        }

        /**
         * @param memoryBytes bytes that make 100 % memory in the local profile, at least 1 MiB; default this
         *                    container's memory limit, else the machine's physical memory
         * @return this builder
         */
        public Builder memoryBytes(long memoryBytes) {
            this.memoryBytes = memoryBytes;
            return this;
        }

        /**
         * Replaces the template of one figure.
         *
         * @param metric   which figure
         * @param template PromQL returning one number, with {@code ${...}} parameters
         * @return this builder
         */
        public Builder query(Metric metric, String template) {
            Objects.requireNonNull(metric, "metric");
            if (template == null || template.isBlank()) {
                throw new IllegalArgumentException("query of " + metric + " must not be blank");
            }
            templates.put(metric, template.strip());
            return this;
        }

        /**
         * Replaces the template of the pod maximum.
         *
         * @param template PromQL returning one number, or null for no maximum
         * @return this builder
         */
        public Builder podLimitQuery(String template) {
            this.podLimitTemplate = template == null || template.isBlank() ? null : template.strip();
            return this;
        }

        /**
         * Applies the environment variables that are set: {@code LIVE_METRICS_NAMESPACE},
         * {@code LIVE_METRICS_DEPLOYMENT}, {@code LIVE_METRICS_HPA}, {@code LIVE_METRICS_POD_REGEX},
         * {@code LIVE_METRICS_JOB}, {@code LIVE_METRICS_RATE_WINDOW} (e.g. {@code 1m}),
         * {@code LIVE_METRICS_CPU_CORES}, {@code LIVE_METRICS_MEMORY_BYTES}, and the templates
         * {@code LIVE_METRICS_QUERY_CPU}, {@code _MEMORY}, {@code _PODS}, {@code _REQUEST_RATE},
         * {@code _RESPONSE_TIME} and {@code LIVE_METRICS_QUERY_PODS_MAX}.
         *
         * @param environment the environment variables, usually {@link System#getenv()}
         * @return this builder
         * @throws IllegalArgumentException if a number or duration is malformed
         */
        public Builder environment(Map<String, String> environment) {
            set(environment, "LIVE_METRICS_NAMESPACE", this::namespace);
            set(environment, "LIVE_METRICS_DEPLOYMENT", this::deployment);
            set(environment, "LIVE_METRICS_HPA", this::hpa);
            set(environment, "LIVE_METRICS_POD_REGEX", this::podRegex);
            set(environment, "LIVE_METRICS_JOB", this::job);
            set(environment, "LIVE_METRICS_RATE_WINDOW",
                    text -> rateWindow(DurationText.parse(text, "LIVE_METRICS_RATE_WINDOW")));
            set(environment, "LIVE_METRICS_CPU_CORES", text -> cores(number(text, "LIVE_METRICS_CPU_CORES")));
            set(environment, "LIVE_METRICS_MEMORY_BYTES",
                    text -> memoryBytes((long) number(text, "LIVE_METRICS_MEMORY_BYTES")));
            for (Metric metric : Metric.values()) {
                set(environment, "LIVE_METRICS_QUERY_" + metric.name(), text -> query(metric, text));
            }
            set(environment, "LIVE_METRICS_QUERY_PODS_MAX", this::podLimitQuery);
            return this;
        }

        /**
         * @return the profile with every template filled in
         * @throws IllegalArgumentException if a parameter is out of range or a template names an unknown
         *                                  parameter
         */
        public QueryProfile build() {
            checkDnsLabel("namespace", namespace);
            checkDnsLabel("deployment", deployment);
            String hpaName = hpa == null ? deployment : hpa;
            checkDnsLabel("hpa", hpaName);
            if (job == null || job.isBlank()) {
                throw new IllegalArgumentException("job must not be blank");
            }
            String regex = podRegex == null ? deployment + "-[a-z0-9]+-[a-z0-9]+" : podRegex;
            if (regex.isBlank()) {
                throw new IllegalArgumentException("podRegex must not be blank");
            }
            Objects.requireNonNull(rateWindow, "rateWindow");
            if (rateWindow.compareTo(Duration.ofSeconds(1)) < 0 || rateWindow.compareTo(Duration.ofHours(1)) > 0
                    || rateWindow.toMillis() % 1000 != 0) {
                throw new IllegalArgumentException("rateWindow must be 1 s to 1 h in whole seconds, was " + rateWindow);
            }
            double coreCount = cores != null ? cores : Runtime.getRuntime().availableProcessors();
            if (!(coreCount > 0) || coreCount > 100_000) {
                throw new IllegalArgumentException("cores must be above 0 and at most 100000, was " + coreCount);
            }
            long memory = memoryBytes != null ? memoryBytes : SystemProbe.containerMemoryLimit()
                    .orElseGet(() -> SystemProbe.info().physicalMemoryBytes());
            if (memory < (1L << 20)) {
                throw new IllegalArgumentException("memoryBytes must be at least 1048576 (1 MiB), was " + memory);
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("namespace", namespace);
            parameters.put("deployment", deployment);
            parameters.put("hpa", hpaName);
            parameters.put("podRegex", regex);
            parameters.put("job", job);
            parameters.put("window", DurationText.promql(rateWindow));
            parameters.put("cores", plain(coreCount));
            parameters.put("memoryBytes", Long.toString(memory));
            EnumMap<Metric, String> rendered = new EnumMap<>(Metric.class);
            for (Metric metric : Metric.values()) {
                rendered.put(metric, render(templates.get(metric), parameters, "query of " + metric));
            }
            Optional<String> limit = Optional.ofNullable(podLimitTemplate)
                    .map(template -> render(template, parameters, "pod limit query"));
            return new QueryProfile(this, parameters, rendered, limit);
        }

        private static String render(String template, Map<String, String> parameters, String what) {
            Matcher matcher = PLACEHOLDER.matcher(template);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String key = matcher.group(1);
                String value = parameters.get(key);
                if (value == null) {
                    throw new IllegalArgumentException(what + " names unknown parameter ${" + key + "}; known: "
                            + parameters.keySet());
                }
                matcher.appendReplacement(out, Matcher.quoteReplacement(escape(value)));
            }
            matcher.appendTail(out);
            return out.toString();
        }

        /** Values land inside double-quoted PromQL strings, where backslash and quote must be escaped. */
        private static String escape(String value) {
            return value.replace("\\", "\\\\").replace("\"", "\\\"");
        }

        private static void checkDnsLabel(String field, String value) {
            if (value == null || !DNS_LABEL.matcher(value).matches()) {
                throw new IllegalArgumentException(field + " must be a Kubernetes name (lower-case letters, digits"
                        + " and '-', 1-63 characters), was " + (value == null ? "null" : '"' + value + '"'));
            }
        }

        private static String plain(double value) {
            return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        }

        private static double number(String text, String field) {
            try {
                return Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(field + " must be a number, was \"" + text + '"', e);
            }
        }

        private static void set(Map<String, String> environment, String key, Consumer<String> setter) {
            String value = environment.get(key);
            if (value != null && !value.isBlank()) {
                setter.accept(value.strip());
            }
        }
    }
}
