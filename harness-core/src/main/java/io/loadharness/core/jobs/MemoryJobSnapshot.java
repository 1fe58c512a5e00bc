package io.loadharness.core.jobs;

import io.loadharness.core.params.MemoryJobSpec;
import io.loadharness.core.params.Params;
import java.time.Instant;
import java.util.Map;

/**
 * A background memory job at one moment.
 *
 * @param id               the job id
 * @param status           the status
 * @param spec             size and duration
 * @param startedAt        start time
 * @param endsAt           deadline
 * @param endedAt          end time, or null while running
 * @param remainingSeconds seconds to the deadline, 0 once ended
 * @param progress         elapsed fraction, 0-1
 * @param heldBytes        bytes resident now (0 once released)
 * @param allocationMs     time to allocate and touch every page, in milliseconds
 * @param failure          what ended a failed job, or null
 */
public record MemoryJobSnapshot(String id, JobStatus status, MemoryJobSpec spec, Instant startedAt, Instant endsAt,
                                Instant endedAt, double remainingSeconds, double progress, long heldBytes,
                                double allocationMs, String failure) implements JobSnapshot {

    @Override
    public JobType type() {
        return JobType.MEMORY;
    }

    @Override
    public Map<String, Long> parameters() {
        return Map.of(Params.SIZE_MB.name(), (long) spec.sizeMb(),
                Params.MEMORY_DURATION_SECONDS.name(), (long) spec.durationSeconds());
    }

    /** @return megabytes (MiB) resident now */
    public double heldMb() {
        return heldBytes / (double) (1L << 20);
    }
}
