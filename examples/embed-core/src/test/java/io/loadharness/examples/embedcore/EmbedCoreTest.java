package io.loadharness.examples.embedcore;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadharness.core.fanout.FanOutResult;
import io.loadharness.core.fanout.PodShare;
import io.loadharness.core.jobs.JobStatus;
import io.loadharness.core.memory.MemoryReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the example once, as a user would, and checks what it printed and produced. */
class EmbedCoreTest {

    private static EmbedCore.Outcome outcome;
    private static String printed;

    @BeforeAll
    static void runExample() throws InterruptedException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            outcome = EmbedCore.run(out);
        }
        printed = buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void cpuJobIsStoppedEarlyAfterPrintingProgress() {
        assertThat(outcome.cpuJob().status()).isEqualTo(JobStatus.STOPPED);
        // 3 s of a 10 s job; generous bounds for a busy build machine.
        assertThat(outcome.cpuJob().progress()).isBetween(0.25, 0.6);
        assertThat(printed).contains("cpu: started job_").contains("% done").contains("cpu: stopped after");
    }

    @Test
    void memoryHoldReportsItsSizeAndHoldTime() {
        MemoryReport memory = outcome.memory();
        assertThat(memory.requestedMb()).isEqualTo(EmbedCore.MEMORY_HOLD.sizeMb());
        assertThat(memory.heldMs()).isGreaterThanOrEqualTo(EmbedCore.MEMORY_HOLD.durationMs() * 0.9);
        assertThat(printed).contains("memory: holding 64 MB").contains("memory: RSS before");
    }

    @Test
    void memoryHoldRaisesResidentMemoryWhereThePlatformReportsIt() {
        MemoryReport memory = outcome.memory();
        if (memory.rssBefore().isPresent() && memory.rssPeak().isPresent()) {
            long grownBytes = memory.rssPeak().getAsLong() - memory.rssBefore().getAsLong();
            assertThat(grownBytes).as("RSS growth in bytes").isGreaterThan((EmbedCore.MEMORY_HOLD.sizeMb() * 8L / 10) << 20);
        }
    }

    @Test
    void fanOutAnswersEveryCallAndSpreadsThemOverTheSimulatedPods() {
        FanOutResult result = outcome.fanOut();
        assertThat(result.requested()).isEqualTo(EmbedCore.FAN_OUT.requests());
        assertThat(result.succeeded()).isEqualTo(EmbedCore.FAN_OUT.requests());
        assertThat(result.failed()).isZero();
        assertThat(result.pods()).extracting(PodShare::pod).containsExactlyInAnyOrderElementsOf(EmbedCore.PODS);
        long perPod = EmbedCore.FAN_OUT.requests() / EmbedCore.PODS.size();
        assertThat(result.pods()).extracting(PodShare::requests).containsOnly(perPod);
        assertThat(printed).contains("fan-out: " + EmbedCore.FAN_OUT.requests() + " ok, 0 failed")
                .contains("pod-a served " + perPod);
    }
}
