package io.loadharness.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@link ApiMain} as its own process, with a CPU job, a memory job and a memory hold in flight, gets
 * SIGTERM: it ends within 5 s with status 0 or 143, says it stopped every job and released the
 * memory, and logs no stack trace.
 */
@EnabledOnOs(OS.LINUX)
class GracefulShutdownTest {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Path LOG = Path.of("target", "reliability", "graceful-shutdown-child.log");

    @Test
    void sigtermWithJobsAndAHoldRunningEndsCleanlyWithinFiveSeconds() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), ApiMain.class.getName())
                .redirectErrorStream(true)
                // A file, not a pipe: Process.destroy() closes its pipes, which would hide the shutdown log.
                .redirectOutput(LOG.toFile());
        builder.environment().putAll(Map.of("PORT", "0", "HOST", "127.0.0.1", "POD_NAME", "shutdown-test",
                "HARNESS_MAX_CPU_WORKERS", "1", "HARNESS_MEMORY_BUDGET_MB", "256"));
        builder.environment().remove(HarnessSettings.API_TOKEN_VARIABLE);
        Files.createDirectories(LOG.getParent());
        Process process = builder.start();
        try {
            int p = awaitPort(process);
            assertThat(post(p, "/load/cpu", "{\"cores\": 1, \"intensity\": 3, \"duration_seconds\": 60}").status()).isEqualTo(202);
            assertThat(post(p, "/load/memory/jobs", "{\"size_mb\": 50, \"duration_seconds\": 60}").status()).isEqualTo(202);
            CompletableFuture<String> hold = CompletableFuture.supplyAsync(() -> {
                try {
                    return String.valueOf(post(p, "/load/memory", "{\"size_mb\": 50, \"duration_ms\": 10000}").status());
                } catch (IOException e) {
                    return e.getClass().getSimpleName();
                }
            });
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            long held = 0;
            while (held < (100L << 20) && System.nanoTime() < deadline) {
                Thread.sleep(20);
                RawHttp.Answer info = RawHttp.send(p, "GET /system/info HTTP/1.1\nHost: 127.0.0.1", new byte[0], TIMEOUT);
                held = TestSupport.json(info.text()).getJsonNumber("held_memory_bytes").longValue();
            }
            assertThat(held).as("memory held by the job and the hold in flight").isEqualTo(100L << 20);

            long start = System.nanoTime();
            process.destroy();
            boolean ended = process.waitFor(5, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(ended).as("ended within 5 s of SIGTERM").isTrue();
            String hold503 = hold.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            List<String> lines = Files.readAllLines(LOG);
            ReliabilityReport.start("graceful-shutdown")
                    .put("before SIGTERM", "1 CPU job, 1 memory job of 50 MB, 1 memory hold of 50 MB for 10 s in flight")
                    .put("exit", process.exitValue() + String.format(java.util.Locale.ROOT, " after %.2f s", seconds))
                    .put("the hold in flight got", hold503)
                    .put("shutdown log", lines.stream().filter(l -> l.contains("shutdown:")).findFirst().orElse("none"))
                    .put("log lines with Exception or a stack frame", lines.stream()
                            .filter(l -> l.contains("Exception") || l.startsWith("\tat ")).count());
            assertThat(process.exitValue()).isIn(0, 143);
            assertThat(lines).as("the log").anySatisfy(line -> assertThat(line)
                    .contains("shutdown: 2 running jobs stopped, 100 MB released; now 0 jobs running, 0 MB held"));
            assertThat(lines).as("the log").noneSatisfy(line -> assertThat(line).contains("Exception"));
            assertThat(lines).as("the log").noneSatisfy(line -> assertThat(line).startsWith("\tat "));
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int awaitPort(Process process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            Matcher matcher = LISTENING.matcher(Files.readString(LOG));
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not listen within " + STARTUP + ": " + Files.readString(LOG));
    }

    private static RawHttp.Answer post(int port, String path, String body) throws IOException {
        return RawHttp.send(port, "POST " + path + " HTTP/1.1\nHost: 127.0.0.1\nContent-Type: application/json",
                body.getBytes(StandardCharsets.UTF_8), TIMEOUT);
    }
}
