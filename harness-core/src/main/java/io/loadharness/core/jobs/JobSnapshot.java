package io.loadharness.core.jobs;

import java.time.Instant;
import java.util.Map;

/**
 * A job as it is at one moment; either a {@link CpuJobSnapshot} or a {@link MemoryJobSnapshot}.
 */
public sealed interface JobSnapshot permits CpuJobSnapshot, MemoryJobSnapshot {

    /** @return the job id, e.g. {@code job_1733541234_1} */
    String id();

    /** @return cpu or memory */
    JobType type();

    /** @return the status at the time of the snapshot */
    JobStatus status();

    /** @return the parameters the job was started with, by wire name */
    Map<String, Long> parameters();

    /** @return when the job started */
    Instant startedAt();

    /** @return when the job is due to end by itself */
    Instant endsAt();

    /** @return when the job ended, or null while it runs */
    Instant endedAt();

    /** @return seconds until {@link #endsAt()}, 0 once the job has ended */
    double remainingSeconds();

    /** @return the elapsed fraction of its duration, 0-1; 1 once completed */
    double progress();

    /** @return what ended a failed job, or null */
    String failure();
}
