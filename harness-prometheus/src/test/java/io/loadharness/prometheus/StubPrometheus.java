package io.loadharness.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A fake Prometheus HTTP API on 127.0.0.1: answers each request with what the handler returns for it, and
 * records every request it saw.
 */
public final class StubPrometheus implements AutoCloseable {

    /** What the stub saw. */
    public record Request(String method, String path, Map<String, String> form, Map<String, List<String>> headers) {

        /**
         * @return the PromQL of the request
         */
        public String query() {
            return form.get("query");
        }
    }

    /** What the stub answers; {@code delay} before answering. */
    public record Answer(int status, String body, Duration delay) {

        public static Answer ok(String body) {
            return new Answer(200, body, Duration.ZERO);
        }

        public Answer after(Duration delay) {
            return new Answer(status, body, delay);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile Function<Request, Answer> handler;

    public StubPrometheus(Function<Request, Answer> handler) throws IOException {
        this.handler = handler;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** A stub that answers every query with the same JSON. */
    public static StubPrometheus answering(String json) throws IOException {
        return new StubPrometheus(request -> Answer.ok(json));
    }

    public void handler(Function<Request, Answer> handler) {
        this.handler = handler;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public int requestCount() {
        return requests.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = new LinkedHashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            for (String part : (raw == null ? body : raw + "&" + body).split("&")) {
                int equals = part.indexOf('=');
                if (equals > 0) {
                    form.put(URLDecoder.decode(part.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(part.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), form,
                    Map.copyOf(exchange.getRequestHeaders()));
            requests.add(request);
            Answer answer = handler.apply(request);
            if (!answer.delay().isZero() && stopping.await(answer.delay().toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (a timeout test) before the answer was written
        }
    }

    /** Stops at once: requests still delayed are dropped unanswered. */
    @Override
    public void close() {
        stopping.countDown();
        server.stop(0);
        if (server.getExecutor() instanceof ExecutorService executor) {
            executor.close();
        }
    }

    /** JSON of an instant vector with one sample per value, labelled {@code instance=i<n>}. */
    public static String vector(double... values) {
        StringBuilder result = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            result.append(i == 0 ? "" : ",").append("{\"metric\":{\"instance\":\"i").append(i)
                    .append("\"},\"value\":[1700000000.5,\"").append(goValue(values[i])).append("\"]}");
        }
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + result + "]}}";
    }

    /** JSON of a one-series matrix with the given values at 1700000000, +15 s, ... */
    public static String matrix(double... values) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            points.append(i == 0 ? "" : ",").append('[').append(1700000000 + 15 * i).append(",\"")
                    .append(goValue(values[i])).append("\"]");
        }
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"job\":\"x\"},"
                + "\"values\":[" + points + "]}]}}";
    }

    /** JSON of a Prometheus error answer. */
    public static String error(String errorType, String error) {
        return "{\"status\":\"error\",\"errorType\":\"" + errorType + "\",\"error\":\"" + error + "\"}";
    }

    private static String goValue(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(value);
    }
}
