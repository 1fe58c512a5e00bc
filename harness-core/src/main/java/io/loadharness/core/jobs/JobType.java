package io.loadharness.core.jobs;

import java.util.Locale;

/** The kind of load a job generates. */
public enum JobType {
    /** Sustained CPU load on one or more cores. */
    CPU,
    /** Resident memory held for a while. */
    MEMORY;

    /**
     * @return the lower-case wire name, {@code cpu} or {@code memory}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
