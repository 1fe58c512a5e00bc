package io.loadharness.core.params;

/**
 * The catalog of every user-facing parameter, with the names, ranges and defaults of the original
 * LoadHarness design.
 *
 * <p>Operations group these into {@link ParamSet}s ({@link BurnSpec#PARAMS}, {@link CpuJobSpec#PARAMS},
 * ...). Where the same name means different ranges in two operations (a CPU job lasts 10-300 s, a
 * memory job 10-600 s) there are two specs with the same wire name.
 */
public final class Params {

    /** Busy time of a one-shot burn: 1-10000 ms, default 500. */
    public static final ParamSpec BURN_DURATION_MS = new ParamSpec("duration_ms", "ms", 1, 10_000, 500,
            "Duration (ms)", "How long the burn keeps one core busy.");

    /** Work per iteration of a burn: 1-10, default 5. */
    public static final ParamSpec COMPLEXITY = new ParamSpec("complexity", "", 1, 10, 5,
            "Complexity", "Work per iteration: higher means fewer, heavier iterations.");

    /** Fixed work units: 1,000-10,000,000, default 500,000. */
    public static final ParamSpec ITERATIONS = new ParamSpec("iterations", "", 1_000, 10_000_000, 500_000,
            "Iterations", "Units of fixed CPU work each call performs.");

    /** Worker threads of a sustained CPU job: 1 to the available processors, default 1. */
    public static final ParamSpec CORES = new ParamSpec("cores", "", 1,
            Math.max(1, Runtime.getRuntime().availableProcessors()), 1,
            "Cores", "Worker threads, one per core.");

    /** Length of a sustained CPU job: 10-300 s, default 60. */
    public static final ParamSpec CPU_DURATION_SECONDS = new ParamSpec("duration_seconds", "s", 10, 300, 60,
            "Duration (s)", "How long the job runs before it stops by itself.");

    /** Duty cycle of a CPU job: 1-10, default 5; k means each worker is busy k*10% of the time. */
    public static final ParamSpec INTENSITY = new ParamSpec("intensity", "", 1, 10, 5,
            "Intensity", "Each worker is busy intensity x 10% of the time.");

    /** Resident memory to allocate: 10-500 MB, default 100. */
    public static final ParamSpec SIZE_MB = new ParamSpec("size_mb", "MB", 10, 500, 100,
            "Size (MB)", "Memory allocated off-heap and touched so it is really resident.");

    /** How long a one-shot memory hold keeps its memory: 100-10000 ms, default 2000. */
    public static final ParamSpec HOLD_DURATION_MS = new ParamSpec("duration_ms", "ms", 100, 10_000, 2_000,
            "Duration (ms)", "How long the memory is held before it is released.");

    /** Length of a background memory job: 10-600 s, default 60. */
    public static final ParamSpec MEMORY_DURATION_SECONDS = new ParamSpec("duration_seconds", "s", 10, 600, 60,
            "Duration (s)", "How long the job holds its memory before releasing it.");

    /** Calls in flight during a fan-out: 1-100, default 10. */
    public static final ParamSpec CONCURRENCY = new ParamSpec("concurrency", "", 1, 100, 10,
            "Concurrency", "Calls in flight at once.");

    /** Calls in a fan-out: 1-10,000; when omitted it equals the concurrency. */
    public static final ParamSpec REQUESTS = new ParamSpec("requests", "", 1, 10_000, 10,
            "Requests", "Calls in all; defaults to the concurrency.");

    private Params() {
    }
}
