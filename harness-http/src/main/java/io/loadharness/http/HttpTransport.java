package io.loadharness.http;

import io.helidon.common.socket.SocketOptions;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;
import io.loadharness.core.fanout.CallResult;
import io.loadharness.core.fanout.Transport;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * A fan-out {@link Transport} over HTTP/1.1 on Helidon WebClient: each call is
 * {@code POST {target}/load/cpu/work} with {@code {"iterations": n}}, and the pod that answered is
 * read from {@code X-Pod-Name} (or the {@code pod} field of the answer).
 *
 * <p>By default every call opens a new connection and closes it ({@code Connection: close}): a
 * keep-alive connection is pinned to one pod behind a Kubernetes Service, which would hide the
 * spreading that a fan-out is meant to show. {@link Builder#keepAlive(boolean) keepAlive(true)}
 * reuses pooled connections instead, for raw throughput.
 *
 * <p>Failures are results, not exceptions: a refused or broken connection is
 * {@link CallResult#connectionError}, no answer within the timeout is {@link CallResult#timeout()}, an
 * answer outside 2xx is {@link CallResult#status}. Thread-safe; one instance serves many calls at once.
 *
 * <pre>{@code
 * HttpTransport transport = HttpTransport.builder().target(URI.create("http://load-harness")).build();
 * FanOutResult result = harness.fanOut(new FanOutSpec(10, 500_000, 100), transport);
 * }</pre>
 */
public final class HttpTransport implements Transport {

    private static final String WORK_PATH = "/load/cpu/work";
    private static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final Http1Client client;
    private final String path;
    private final boolean keepAlive;
    private final URI target;
    private final String authorization;
    /** The last request body, reused while the iterations stay the same (they do within a fan-out). */
    private volatile Body body = new Body(-1, new byte[0]);

    private record Body(int iterations, byte[] bytes) {
    }

    private HttpTransport(Builder builder) {
        this.target = builder.target;
        this.keepAlive = builder.keepAlive;
        this.authorization = builder.apiToken == null ? null : "Bearer " + builder.apiToken.value();
        String base = target.getRawPath() == null ? "" : target.getRawPath();
        this.path = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + WORK_PATH;
        String origin = target.getScheme() + "://" + target.getRawAuthority();
        this.client = Http1Client.builder()
                .baseUri(origin)
                .shareConnectionCache(false)
                .connectionCacheSize(keepAlive ? builder.maxConnections : 0)
                .sendExpectContinue(false)
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(builder.connectTimeout)
                        .readTimeout(builder.connectTimeout)
                        .tcpNoDelay(true)
                        .build())
                .protocolConfig(protocol -> protocol.defaultKeepAlive(keepAlive))
                .build();
    }

    /**
     * @return a builder: no target yet, no keep-alive, 10 s connect timeout, 100 pooled connections
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the base URL the calls go to
     */
    public URI target() {
        return target;
    }

    /**
     * @return whether calls reuse pooled keep-alive connections
     */
    public boolean keepAlive() {
        return keepAlive;
    }

    @Override
    public CallResult call(int iterations, Duration timeout) throws InterruptedException {
        var request = client.post(path)
                .keepAlive(keepAlive)
                .readTimeout(timeout)
                .header(HeaderNames.CONTENT_TYPE, "application/json");
        if (authorization != null) {
            request.header(HeaderNames.AUTHORIZATION, authorization);
        }
        try (HttpClientResponse response = request.submit(body(iterations))) {
            Status status = response.status();
            String pod = response.headers().first(PodHeader.HEADER).orElse(null);
            if (status.family() != Status.Family.SUCCESSFUL) {
                response.entity().consume();
                return CallResult.status(status.code(), pod);
            }
            if (pod == null) {
                pod = podFromAnswer(response);
                if (pod == null) {
                    return CallResult.error("answer names no pod");
                }
            } else {
                response.entity().consume();
            }
            return CallResult.ok(pod);
        } catch (RuntimeException e) {
            return failure(e);
        }
    }

    private byte[] body(int iterations) {
        Body current = body;
        if (current.iterations() != iterations) {
            current = new Body(iterations, ("{\"iterations\":" + iterations + "}").getBytes(StandardCharsets.US_ASCII));
            body = current;
        }
        return current.bytes();
    }

    private static String podFromAnswer(HttpClientResponse response) {
        byte[] bytes;
        try (InputStream in = response.inputStream()) {
            bytes = in.readNBytes(MAX_ANSWER_BYTES);
        } catch (IOException e) {
            return null;
        }
        try (JsonReader reader = JsonMapping.reader(new ByteArrayInputStream(bytes))) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonObject object && object.get("pod") instanceof JsonString pod) {
                return pod.getString();
            }
            return null;
        } catch (JsonException e) {
            return null;
        }
    }

    private static CallResult failure(RuntimeException e) throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            // The engine's watchdog or a cancel interrupted the call; the engine tells which.
            throw new InterruptedException("call interrupted");
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return CallResult.timeout();
            }
            if (cause instanceof InterruptedIOException) {
                throw new InterruptedException("call interrupted");
            }
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                    || cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException
                    || cause instanceof SocketException) {
                return CallResult.connectionError(describe(cause));
            }
            if (cause instanceof IOException) {
                return CallResult.connectionError(describe(cause));
            }
        }
        return CallResult.error(describe(e));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Builds an {@link HttpTransport}. */
    public static final class Builder {
        private URI target;
        private boolean keepAlive;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private int maxConnections = 100;
        private ApiToken apiToken;

        private Builder() {
        }

        /**
         * @param apiToken the token the target requires on {@code /load/cpu/work}, sent as a bearer token;
         *                 null (default) sends none. Only ever sent to the configured target.
         * @return this builder
         */
        public Builder apiToken(ApiToken apiToken) {
            this.apiToken = apiToken;
            return this;
        }

        /**
         * @param target base URL of a LoadHarness API (http or https, optionally with a path prefix);
         *               calls go to {@code {target}/load/cpu/work}
         * @return this builder
         */
        public Builder target(URI target) {
            this.target = Objects.requireNonNull(target, "target");
            return this;
        }

        /**
         * @param keepAlive true to reuse pooled connections, false (default) for a new connection per call
         * @return this builder
         */
        public Builder keepAlive(boolean keepAlive) {
            this.keepAlive = keepAlive;
            return this;
        }

        /**
         * @param timeout time to establish a connection, positive; the read timeout of each call is the
         *                one the fan-out engine passes
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * @param connections pooled connections kept for keep-alive, 1-10,000
         * @return this builder
         */
        public Builder maxConnections(int connections) {
            this.maxConnections = connections;
            return this;
        }

        /**
         * @return the transport
         * @throws IllegalArgumentException if the target is missing or not an http(s) URL with a host, or
         *                                  a value is out of range
         */
        public HttpTransport build() {
            if (target == null) {
                throw new IllegalArgumentException("target must be set");
            }
            String scheme = target.getScheme();
            if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || target.getHost() == null) {
                throw new IllegalArgumentException("target must be an http or https URL with a host, was " + target);
            }
            if (connectTimeout.isNegative() || connectTimeout.isZero()) {
                throw new IllegalArgumentException("connectTimeout must be positive, was " + connectTimeout);
            }
            if (maxConnections < 1 || maxConnections > 10_000) {
                throw new IllegalArgumentException("maxConnections must be between 1 and 10000, was " + maxConnections);
            }
            return new HttpTransport(this);
        }
    }
}
