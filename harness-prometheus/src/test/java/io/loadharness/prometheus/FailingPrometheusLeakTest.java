package io.loadharness.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A Prometheus that is down, slow past the timeout, answering 500 or garbage: every query comes back
 * classified within its timeout, and no socket or platform thread is left behind afterwards.
 */
@EnabledOnOs(OS.LINUX)
class FailingPrometheusLeakTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final int QUERIES = 30;

    enum Failure {
        DOWN(ErrorKind.UNREACHABLE), SLOW(ErrorKind.TIMEOUT), ERROR_500(ErrorKind.HTTP_ERROR),
        GARBAGE(ErrorKind.MALFORMED_RESPONSE);

        final ErrorKind expected;

        Failure(ErrorKind expected) {
            this.expected = expected;
        }
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void failuresAreClassifiedInTimeAndLeakNothing(Failure failure) throws Exception {
        warmUp();
        int sockets = sockets();
        int threads = platformThreads();

        StubPrometheus stub = failure == Failure.DOWN ? null : new StubPrometheus(request -> switch (failure) {
            case SLOW -> StubPrometheus.Answer.ok(StubPrometheus.vector(1)).after(Duration.ofSeconds(30));
            case ERROR_500 -> new StubPrometheus.Answer(500, "internal error", Duration.ZERO);
            default -> StubPrometheus.Answer.ok("{\"status\":\"success\",\"data\":{\"resultType\":\"vec");
        });
        URI url = stub == null ? URI.create("http://127.0.0.1:" + closedPort()) : stub.url();
        long slowest = 0;
        try (PrometheusClient client = PrometheusClient.builder().url(url).timeout(TIMEOUT).build()) {
            for (int i = 0; i < QUERIES; i++) {
                long start = System.nanoTime();
                QueryResult result = client.query("up");
                slowest = Math.max(slowest, System.nanoTime() - start);
                assertThat(result).isInstanceOfSatisfying(QueryError.class,
                        error -> assertThat(error.kind()).isEqualTo(failure.expected));
            }
        } finally {
            if (stub != null) {
                stub.close();
            }
        }

        // Loose: the timeout plus room for a busy machine; the point is that nothing waits for the stub.
        assertThat(Duration.ofNanos(slowest)).isLessThan(TIMEOUT.plusSeconds(2));
        assertThat(settle(FailingPrometheusLeakTest::sockets, sockets)).as("open sockets").isLessThanOrEqualTo(sockets);
        assertThat(settle(FailingPrometheusLeakTest::platformThreads, threads)).as("platform threads: %s", threadNames())
                .isLessThanOrEqualTo(threads);
    }

    /**
     * One query that times out, so the JDK's lazily started virtual-thread helpers (the poller, the
     * unblocker, the delay scheduler) exist before counting: they live for the JVM's life and are no leak.
     */
    private static void warmUp() throws IOException {
        try (StubPrometheus slow = new StubPrometheus(
                request -> StubPrometheus.Answer.ok(StubPrometheus.vector(1)).after(Duration.ofSeconds(5)));
             PrometheusClient client = PrometheusClient.builder().url(slow.url()).timeout(Duration.ofMillis(100)).build()) {
            client.query("up");
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Live platform threads, not counting the virtual-thread scheduler's carriers (a pool that grows on demand). */
    private static int platformThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.getClass().getName().equals("jdk.internal.misc.CarrierThread")).count();
    }

    private static java.util.Set<String> threadNames() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> names.add(t.getName()));
        return names;
    }

    private static int sockets() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return (int) fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int settle(IntSupplier count, int ceiling) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int now = count.getAsInt();
        while (now > ceiling && System.nanoTime() < deadline) {
            Thread.sleep(50);
            now = count.getAsInt();
        }
        return now;
    }
}
