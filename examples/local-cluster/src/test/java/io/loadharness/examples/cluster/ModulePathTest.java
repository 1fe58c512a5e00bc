package io.loadharness.examples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The full server started as JPMS modules ({@code java -p jar:libs -m io.loadharness.ui}), not on the
 * class path as the other tests run it: module descriptors, template loading through the module and
 * native access must all hold there too.
 */
class ModulePathTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Process server;
    private static Path log;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        Path jar = ROOT.resolve("harness-ui/target/loadharness.jar");
        assertThat(jar).as("the server jar, built by the reactor").exists();
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            log = Files.createTempFile("loadharness-module-path", ".log");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=io.loadharness.core",
                    "-p", jar + ":" + ROOT.resolve("harness-ui/target/libs"),
                    "-m", "io.loadharness.ui/io.loadharness.ui.Main")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("PORT", String.valueOf(port));
            builder.environment().put("HOST", "127.0.0.1");
            builder.environment().put("POD_NAME", "module-pod");
            builder.environment().put("PROMETHEUS_URL", "http://127.0.0.1:" + socket.getLocalPort());
            server = builder.start();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (status("GET", "/health/ready", null) != 200) {
            assertThat(server.isAlive()).as("server alive; log:\n%s", Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("ready within 60 s; log:\n%s", Files.readString(log)).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (log != null) {
            String output = Files.readString(log);
            Files.deleteIfExists(log);
            assertThat(output).as("the server's log").doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void theDashboardRendersFromTemplatesInsideTheModule() throws Exception {
        HttpResponse<String> page = send("GET", "/ui", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("LoadHarness Dashboard").contains("module-pod");
        assertThat(send("GET", "/ui/assets/htmx.min.js", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aBurnRunsThroughTheDashboardAndTheApi() throws Exception {
        HttpResponse<String> fragment = send("POST", "/ui/partials/cpu-burn-result", "duration_ms=20&complexity=2");
        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.body()).contains("Completed");
        HttpResponse<String> json = HTTP.send(HttpRequest.newBuilder(uri("/load/cpu/burn"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"duration_ms\": 20}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).contains("\"pod\":\"module-pod\"");
    }

    @Test
    void memoryIsMappedThroughTheForeignFunctionApi() throws Exception {
        HttpResponse<String> json = HTTP.send(HttpRequest.newBuilder(uri("/load/memory"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"size_mb\": 20, \"duration_ms\": 100}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
    }

    @Test
    void metricsAndOpenApiAreServed() throws Exception {
        assertThat(send("GET", "/metrics", null).body()).contains("process_resident_memory_bytes");
        assertThat(send("GET", "/openapi", null).body()).contains("/load/cpu/burn");
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(String method, String path, String form) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (form == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(form));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int status(String method, String path, String form) throws InterruptedException {
        try {
            return send(method, path, form).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }
}
