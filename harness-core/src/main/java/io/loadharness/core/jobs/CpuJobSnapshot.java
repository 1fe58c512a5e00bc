package io.loadharness.core.jobs;

import io.loadharness.core.params.CpuJobSpec;
import io.loadharness.core.params.Params;
import java.time.Instant;
import java.util.Map;

/**
 * A sustained CPU job at one moment.
 *
 * @param id                  the job id
 * @param status              the status
 * @param spec                cores, duration and intensity
 * @param startedAt           start time
 * @param endsAt              deadline
 * @param endedAt             end time, or null while running
 * @param remainingSeconds    seconds to the deadline, 0 once ended
 * @param progress            elapsed fraction, 0-1
 * @param workersActive       worker threads still running
 * @param achievedUtilization measured busy fraction per worker, 0-1 (recent while running, over the
 *                            whole run once ended); NaN before the first measurement
 * @param failure             what ended a failed job, or null
 */
public record CpuJobSnapshot(String id, JobStatus status, CpuJobSpec spec, Instant startedAt, Instant endsAt,
                             Instant endedAt, double remainingSeconds, double progress, int workersActive,
                             double achievedUtilization, String failure) implements JobSnapshot {

    @Override
    public JobType type() {
        return JobType.CPU;
    }

    @Override
    public Map<String, Long> parameters() {
        return Map.of(Params.CORES.name(), (long) spec.cores(),
                Params.CPU_DURATION_SECONDS.name(), (long) spec.durationSeconds(),
                Params.INTENSITY.name(), (long) spec.intensity());
    }

    /** @return worker threads asked for: the spec's cores */
    public int workersRequested() {
        return spec.cores();
    }

    /** @return the busy fraction each worker aims at, 0.1-1 */
    public double targetUtilization() {
        return spec.targetUtilization();
    }
}
