package io.loadharness.core.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loadharness.core.LimitExceededException;
import io.loadharness.core.params.FanOutSpec;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FanOutTest {

    @Test
    void everyCallIsMadeWithTheConcurrencyInFlightAndPodsCounted() throws InterruptedException {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        Transport transport = (iterations, timeout) -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Thread.sleep(5);
            inFlight.decrementAndGet();
            return CallResult.ok("pod-" + calls.getAndIncrement() % 3);
        };
        try (FanOut engine = FanOut.builder().build()) {
            FanOutResult result = engine.run(new FanOutSpec(8, 1_000, 90), transport);

            assertThat(result.succeeded()).isEqualTo(90);
            assertThat(result.failed()).isZero();
            assertThat(result.pods()).extracting(PodShare::requests).containsExactly(30L, 30L, 30L);
            assertThat(maxInFlight.get()).isEqualTo(8);
            assertThat(result.latency().minMs()).isGreaterThanOrEqualTo(5.0);
        }
    }

    @Test
    void aCallThatOutlivesItsTimeoutIsInterruptedAndCountedAsATimeout() throws InterruptedException {
        Transport hangs = (iterations, timeout) -> {
            Thread.sleep(60_000);
            return CallResult.ok("never");
        };
        try (FanOut engine = FanOut.builder().callTimeout(Duration.ofMillis(100)).build()) {
            long start = System.nanoTime();
            FanOutResult result = engine.run(new FanOutSpec(4, 1_000, 4), hangs);

            assertThat(result.failuresByKind()).containsEntry("timeout", 4L);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void theDeadlineEndsARunThatWouldTakeTooLong() throws InterruptedException {
        Transport slow = (iterations, timeout) -> {
            Thread.sleep(50);
            return CallResult.ok("pod");
        };
        try (FanOut engine = FanOut.builder().deadline(Duration.ofMillis(300)).build()) {
            long start = System.nanoTime();
            FanOutResult result = engine.run(new FanOutSpec(1, 1_000, 1_000), slow);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(result.cancelled()).isTrue();
            assertThat(result.sent()).isLessThan(1_000);
        }
    }

    @Test
    void failuresAndExceptionsFromTheTransportAreClassified() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        Transport flaky = (iterations, timeout) -> switch (calls.getAndIncrement() % 4) {
            case 0 -> CallResult.ok("pod-a");
            case 1 -> CallResult.status(503, "pod-a");
            case 2 -> CallResult.connectionError("refused");
            default -> throw new IllegalStateException("boom");
        };
        try (FanOut engine = FanOut.builder().build()) {
            FanOutResult result = engine.run(new FanOutSpec(1, 1_000, 8), flaky);

            assertThat(result.succeeded()).isEqualTo(2);
            assertThat(result.failuresByKind()).containsEntry("http_status", 2L).containsEntry("connection_error", 2L)
                    .containsEntry("error", 2L);
            assertThat(result.failuresByStatus()).containsEntry(503, 2L);
        }
    }

    @Test
    void aCancelledRunStopsSendingAndReportsWhatItDid() throws InterruptedException {
        Transport slow = (iterations, timeout) -> {
            Thread.sleep(20);
            return CallResult.ok("pod");
        };
        try (FanOut engine = FanOut.builder().build()) {
            FanOutRun run = engine.start(new FanOutSpec(2, 1_000, 10_000), slow);
            Thread.sleep(200);
            FanOutProgress progress = run.progress();
            assertThat(progress.done()).isPositive().isLessThan(10_000);
            assertThat(progress.currentRps()).isPositive();
            assertThat(progress.finished()).isFalse();

            run.cancel();
            FanOutResult result = run.await(Duration.ofSeconds(5));

            assertThat(result).isNotNull();
            assertThat(result.cancelled()).isTrue();
            assertThat(result.sent()).isLessThan(10_000);
            assertThat(run.progress().finished()).isTrue();
            assertThat(engine.runningCount()).isZero();
        }
    }

    @Test
    void runsBeyondTheCapAreRefused() throws InterruptedException {
        Transport slow = (iterations, timeout) -> {
            Thread.sleep(10_000);
            return CallResult.ok("pod");
        };
        try (FanOut engine = FanOut.builder().maxConcurrentRuns(1).build()) {
            FanOutRun first = engine.start(new FanOutSpec(1, 1_000, 1), slow);
            assertThatThrownBy(() -> engine.start(new FanOutSpec(1, 1_000, 1), slow))
                    .isInstanceOf(LimitExceededException.class)
                    .hasMessage("fan-out limit reached: 1 running, limit 1");
            first.cancel();
            first.await();
        }
    }

    @Test
    void theRateCeilingPacesCalls() throws InterruptedException {
        try (FanOut engine = FanOut.builder().maxRate(100).build()) {
            long start = System.nanoTime();
            engine.run(new FanOutSpec(10, 1_000, 30), (iterations, timeout) -> CallResult.ok("pod"));
            // 30 calls at 100/s need at least ~0.29 s.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(280));
        }
    }
}
