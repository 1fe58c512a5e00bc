package io.loadharness.ui;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A real dashboard server on 127.0.0.1 and an HTTP client for it, for route tests.
 */
final class TestServer implements AutoCloseable {

    private final WebServer server;
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    TestServer(Consumer<HttpRouting.Builder> routing) {
        this.server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing)
                .build()
                .start();
    }

    /** @return {@code http://127.0.0.1:port} */
    String origin() {
        return "http://127.0.0.1:" + server.port();
    }

    int port() {
        return server.port();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(origin() + path)).GET());
    }

    /** Posts a form as the dashboard's own page would (same-origin fetch metadata). */
    HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return send(formRequest(path, form).header("Sec-Fetch-Site", "same-origin").header("Origin", origin()));
    }

    HttpRequest.Builder formRequest(String path, String form) {
        return HttpRequest.newBuilder(URI.create(origin() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("HX-Request", "true")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop();
    }
}
