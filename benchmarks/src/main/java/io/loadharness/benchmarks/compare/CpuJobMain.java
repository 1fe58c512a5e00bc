package io.loadharness.benchmarks.compare;

import io.loadharness.core.LoadHarness;
import io.loadharness.core.jobs.JobSnapshot;
import io.loadharness.core.params.CpuJobSpec;

/**
 * Our side of the CPU comparison, as a process of its own so that {@code /proc} can measure it
 * exactly as it measures stress-ng: one sustained CPU job through the {@link LoadHarness} facade,
 * as the API starts it.
 *
 * <p>Arguments: cores, duration in seconds (10-300), intensity (1-10).
 */
public final class CpuJobMain {

    private CpuJobMain() {
    }

    /**
     * @param args cores, duration in seconds, intensity
     * @throws InterruptedException if interrupted while waiting for the job
     */
    public static void main(String[] args) throws InterruptedException {
        CpuJobSpec spec = new CpuJobSpec(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        try (LoadHarness harness = LoadHarness.builder().podName("benchmark").build()) {
            JobSnapshot job = harness.startCpuJob(spec);
            while (harness.runningJobs() > 0) {
                Thread.sleep(100);
            }
            System.out.println("done " + harness.job(job.id()));
        }
    }
}
