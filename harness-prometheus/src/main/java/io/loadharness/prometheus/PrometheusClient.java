package io.loadharness.prometheus;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.api.WebClientConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A typed client for the Prometheus HTTP API v1: instant queries ({@code /api/v1/query}) and range queries
 * ({@code /api/v1/query_range}). No query failure is thrown: each call returns a {@link QuerySuccess} or a
 * {@link QueryError} that says whether Prometheus was unreachable, too slow, answered with an HTTP error,
 * rejected the query, or sent something unreadable.
 *
 * <pre>{@code
 * try (PrometheusClient prometheus = PrometheusClient.builder().url("http://localhost:9090").build()) {
 *     QueryResult up = prometheus.query("sum(up)");
 * }
 * }</pre>
 *
 * <p>Each call is bounded by {@link Builder#timeout(Duration) the timeout} as a whole (connect, send,
 * evaluate, read), and Prometheus is asked to stop evaluating at the same deadline. Instances are
 * thread-safe; share one per Prometheus.
 */
public final class PrometheusClient implements AutoCloseable {

    /** Default time allowed for one query, start to finish. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    /** Shortest accepted timeout. */
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(50);
    /** Longest accepted timeout. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
    /** Prometheus for {@code ENVIRONMENT=local}, e.g. port-forwarded or run beside the harness. */
    public static final URI LOCAL_URL = URI.create("http://localhost:9090");
    /** The kube-prometheus-stack service, used in a cluster when {@code PROMETHEUS_URL} is not set. */
    public static final URI IN_CLUSTER_URL =
            URI.create("http://kube-prometheus-stack-prometheus.observability.svc.cluster.local:9090");

    private static final System.Logger LOG = System.getLogger(PrometheusClient.class.getName());

    private final URI url;
    private final Duration timeout;
    private final WebClient webClient;
    private final ExecutorService exchanges = Executors.newVirtualThreadPerTaskExecutor();

    private PrometheusClient(Builder builder) {
        this.url = builder.url;
        this.timeout = builder.timeout;
        WebClientConfig.Builder config = WebClient.builder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                // Its own connection cache, so close() really closes the kept-alive connections; the
                // shared default cache would keep one per Prometheus URL open for the life of the JVM.
                .shareConnectionCache(false)
                .addHeader("Accept", "application/json");
        builder.headers.forEach(config::addHeader);
        this.webClient = config.build();
    }

    /**
     * @return a builder with the default timeout and no authentication; {@link Builder#url} is required
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Chooses the Prometheus URL: {@code PROMETHEUS_URL} if set; else {@link #LOCAL_URL} when
     * {@code ENVIRONMENT} is {@code local} (any case) or unset, as the harness server defaults it; else
     * {@link #IN_CLUSTER_URL}.
     *
     * @param environment the environment variables, usually {@link System#getenv()}
     * @return the base URL of Prometheus
     * @throws IllegalArgumentException if {@code PROMETHEUS_URL} is not an absolute http(s) URL
     */
    public static URI urlFromEnvironment(Map<String, String> environment) {
        String explicit = environment.get("PROMETHEUS_URL");
        if (explicit != null && !explicit.isBlank()) {
            return checkedUrl(explicit.strip(), "PROMETHEUS_URL");
        }
        return isLocal(environment) ? LOCAL_URL : IN_CLUSTER_URL;
    }

    /**
     * @param environment the environment variables
     * @return whether {@code ENVIRONMENT} is {@code local} (any case), unset or blank: the harness's default
     */
    public static boolean isLocal(Map<String, String> environment) {
        String env = environment.get("ENVIRONMENT");
        return env == null || env.isBlank() || env.strip().equalsIgnoreCase("local");
    }

    /**
     * Runs an instant query evaluated at the current time of the Prometheus server.
     *
     * @param promql the PromQL expression, not blank
     * @return the result, or the classified failure
     * @throws IllegalArgumentException if promql is blank
     * @throws IllegalStateException    if the client is closed
     */
    public QueryResult query(String promql) {
        return exchange("/api/v1/query", form(promql));
    }

    /**
     * Runs an instant query evaluated at the given time.
     *
     * @param promql the PromQL expression, not blank
     * @param time   the evaluation time
     * @return the result, or the classified failure
     * @throws IllegalArgumentException if promql is blank
     * @throws IllegalStateException    if the client is closed
     */
    public QueryResult query(String promql, Instant time) {
        Map<String, String> form = form(promql);
        form.put("time", seconds(Objects.requireNonNull(time, "time")));
        return exchange("/api/v1/query", form);
    }

    /**
     * Runs a range query; a successful answer is a {@link ResultData.Matrix}.
     *
     * @param promql the PromQL expression, not blank
     * @param start  the first evaluation time
     * @param end    the last evaluation time, not before start
     * @param step   time between evaluations, positive; Prometheus refuses more than 11,000 points per series
     * @return the result, or the classified failure
     * @throws IllegalArgumentException if promql is blank, end is before start or step is not positive
     * @throws IllegalStateException    if the client is closed
     */
    public QueryResult queryRange(String promql, Instant start, Instant end, Duration step) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(step, "step");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end must not be before start, was " + end + " < " + start);
        }
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("step must be positive, was " + step);
        }
        Map<String, String> form = form(promql);
        form.put("start", seconds(start));
        form.put("end", seconds(end));
        form.put("step", BigDecimal.valueOf(step.toMillis(), 3).toPlainString());
        return exchange("/api/v1/query_range", form);
    }

    /**
     * @return the base URL of Prometheus, as configured
     */
    public URI url() {
        return url;
    }

    /**
     * @return the time allowed for one query
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Aborts queries in flight (they return {@link QueryError.Timeout} or {@link QueryError.Unreachable})
     * and releases connections. Safe to call more than once.
     */
    @Override
    public void close() {
        exchanges.shutdownNow();
        try {
            if (!exchanges.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "Prometheus queries still running after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        webClient.closeResource();
    }

    private Map<String, String> form(String promql) {
        if (promql == null || promql.isBlank()) {
            throw new IllegalArgumentException("promql must not be blank");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("query", promql);
        form.put("timeout", timeout.toMillis() + "ms");
        return form;
    }

    private QueryResult exchange(String path, Map<String, String> form) {
        URI endpoint = URI.create(stripTrailingSlash(url.toString()) + path);
        StringBuilder body = new StringBuilder();
        form.forEach((key, value) -> body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        Callable<QueryResult> call = () -> {
            try (HttpClientResponse response = webClient.post()
                    .uri(endpoint)
                    .contentType(MediaTypes.APPLICATION_FORM_URLENCODED)
                    .submit(body.toString())) {
                int status = response.status().code();
                String text = new String(response.inputStream().readAllBytes(), StandardCharsets.UTF_8);
                return ResponseParser.parse(status, text);
            }
        };
        Future<QueryResult> future;
        try {
            future = exchanges.submit(call);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("PrometheusClient is closed", e);
        }
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new QueryError.Timeout(timeout);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new QueryError.Unreachable("interrupted before " + url + " answered");
        } catch (ExecutionException e) {
            return classify(e.getCause());
        }
    }

    private QueryError classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException) {
                return new QueryError.Timeout(timeout);
            }
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
                return new QueryError.Unreachable(detail(cause, "connection refused") + " (" + url + ")");
            }
            if (cause instanceof UnknownHostException
                    || cause.getClass().getSimpleName().equals("RuntimeUnknownHostException")) {
                return new QueryError.Unreachable("unknown host " + url.getHost());
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedIOException || cause instanceof InterruptedException) {
                return new QueryError.Timeout(timeout);
            }
            if (cause instanceof IOException || cause instanceof UncheckedIOException) {
                return new QueryError.Unreachable(detail(cause, cause.getClass().getSimpleName()) + " (" + url + ")");
            }
        }
        LOG.log(System.Logger.Level.WARNING, "unexpected failure querying " + url, failure);
        return new QueryError.MalformedResponse("not a readable HTTP answer: " + detail(failure, failure.getClass().getName()));
    }

    private static String detail(Throwable cause, String fallback) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? fallback : message;
    }

    private static String seconds(Instant time) {
        return BigDecimal.valueOf(time.toEpochMilli(), 3).toPlainString();
    }

    private static String stripTrailingSlash(String text) {
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static URI checkedUrl(String text, String field) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(field + " must be an absolute http(s) URL, was \"" + text + '"', e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(field + " must be an absolute http(s) URL, was \"" + text + '"');
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(field + " must not have a query or fragment, was \"" + text + '"');
        }
        return uri;
    }

    /**
     * Configures a {@link PrometheusClient}. Only {@link #url} is required.
     */
    public static final class Builder {

        private URI url;
        private Duration timeout = DEFAULT_TIMEOUT;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param url base URL of Prometheus, e.g. {@code http://localhost:9090} or
         *            {@code https://gateway/prometheus} when served under a path prefix
         * @return this builder
         * @throws IllegalArgumentException if url is not an absolute http(s) URL without query
         */
        public Builder url(String url) {
            this.url = checkedUrl(Objects.requireNonNull(url, "url").strip(), "url");
            return this;
        }

        /**
         * @param url base URL of Prometheus
         * @return this builder
         * @throws IllegalArgumentException if url is not an absolute http(s) URL without query
         */
        public Builder url(URI url) {
            return url(Objects.requireNonNull(url, "url").toString());
        }

        /**
         * @param timeout time allowed for one query, start to finish; {@link #MIN_TIMEOUT} to
         *                {@link #MAX_TIMEOUT}, default {@link #DEFAULT_TIMEOUT}
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Sends {@code Authorization: Bearer <token>} with every query.
         *
         * @param token the token, e.g. a Kubernetes service account token
         * @return this builder
         */
        public Builder bearerToken(String token) {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("bearerToken must not be blank");
            }
            headers.put("Authorization", "Bearer " + token.strip());
            return this;
        }

        /**
         * Sends HTTP basic authentication with every query.
         *
         * @param username the user name, without ':'
         * @param password the password
         * @return this builder
         */
        public Builder basicAuth(String username, String password) {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            if (username.isEmpty() || username.indexOf(':') >= 0) {
                throw new IllegalArgumentException("basicAuth username must be non-empty and without ':'");
            }
            String pair = username + ':' + password;
            headers.put("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
            return this;
        }

        /**
         * Sends an extra header with every query, e.g. {@code X-Scope-OrgID} for a multi-tenant Prometheus.
         * A later value for the same name replaces the earlier one.
         *
         * @param name  the header name
         * @param value the header value
         * @return this builder
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new IllegalArgumentException("header name must be an HTTP token, was \"" + name + '"');
            }
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header " + name + " value must not contain line breaks");
            }
            headers.put(name, value);
            return this;
        }

        /**
         * Applies the environment: the URL from {@link #urlFromEnvironment}, and when set
         * {@code PROMETHEUS_TIMEOUT} (e.g. {@code 3s}, {@code 500ms}, {@code PT3S}),
         * {@code PROMETHEUS_BEARER_TOKEN} or {@code PROMETHEUS_BEARER_TOKEN_FILE} (read once, now),
         * {@code PROMETHEUS_USERNAME} with {@code PROMETHEUS_PASSWORD}, and {@code PROMETHEUS_HEADERS}
         * ({@code Name=value} pairs separated by commas).
         *
         * @param environment the environment variables, usually {@link System#getenv()}
         * @return this builder
         * @throws IllegalArgumentException if a value is malformed or the token file unreadable
         */
        public Builder environment(Map<String, String> environment) {
            url(urlFromEnvironment(environment));
            String timeoutText = environment.get("PROMETHEUS_TIMEOUT");
            if (timeoutText != null && !timeoutText.isBlank()) {
                timeout(DurationText.parse(timeoutText, "PROMETHEUS_TIMEOUT"));
            }
            String token = environment.get("PROMETHEUS_BEARER_TOKEN");
            String tokenFile = environment.get("PROMETHEUS_BEARER_TOKEN_FILE");
            if (token != null && !token.isBlank()) {
                bearerToken(token);
            } else if (tokenFile != null && !tokenFile.isBlank()) {
                try {
                    bearerToken(Files.readString(Path.of(tokenFile.strip())));
                } catch (IOException e) {
                    throw new IllegalArgumentException("PROMETHEUS_BEARER_TOKEN_FILE unreadable: " + tokenFile, e);
                }
            }
            String user = environment.get("PROMETHEUS_USERNAME");
            if (user != null && !user.isBlank()) {
                basicAuth(user.strip(), environment.getOrDefault("PROMETHEUS_PASSWORD", ""));
            }
            String extra = environment.get("PROMETHEUS_HEADERS");
            if (extra != null && !extra.isBlank()) {
                for (String pair : extra.split(",")) {
                    int equals = pair.indexOf('=');
                    if (equals <= 0) {
                        throw new IllegalArgumentException(
                                "PROMETHEUS_HEADERS must be Name=value pairs separated by commas, was \"" + extra + '"');
                    }
                    header(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
                }
            }
            return this;
        }

        /**
         * @return a client; close it when done
         * @throws IllegalArgumentException if url is missing or timeout out of range
         */
        public PrometheusClient build() {
            if (url == null) {
                throw new IllegalArgumentException("url is required, e.g. http://localhost:9090");
            }
            if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException("timeout must be between " + MIN_TIMEOUT.toMillis() + " ms and "
                        + MAX_TIMEOUT.toMinutes() + " min, was " + timeout);
            }
            return new PrometheusClient(this);
        }
    }
}
