package io.loadharness.core.jobs;

import java.util.Locale;

/** Where a job is in its life. Every status but {@link #RUNNING} is final. */
public enum JobStatus {
    /** Generating load. */
    RUNNING,
    /** Ran to its deadline. */
    COMPLETED,
    /** Stopped early by {@code stop(id)}, {@code stopAll()} or {@code close()}. */
    STOPPED,
    /** Ended by an error; the snapshot's {@code failure} says which. */
    FAILED;

    /**
     * @return the lower-case wire name, e.g. {@code running}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
