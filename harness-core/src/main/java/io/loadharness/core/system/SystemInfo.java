package io.loadharness.core.system;

import java.time.Duration;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What the harness knows about the process and the machine or container it runs in. Values that the
 * platform does not expose are empty, never zero.
 *
 * @param podName              {@code POD_NAME}, else {@code HOSTNAME}, else the host name
 * @param cores                processors available to the JVM
 * @param heapUsedBytes        JVM heap in use
 * @param heapMaxBytes         JVM heap limit
 * @param rssBytes             resident set size of the process ({@code /proc/self/status} VmRSS)
 * @param containerMemoryLimit memory limit of the cgroup, if one is set
 * @param containerCpuLimit    CPU limit of the cgroup in cores, if one is set
 * @param physicalMemoryBytes  memory of the machine
 * @param processCpuLoad       recent CPU use of this process, 0-1 of the whole machine
 * @param systemCpuLoad        recent CPU use of the machine, 0-1
 * @param uptime               time since the JVM started
 * @param javaVersion          the runtime version, e.g. {@code 25.0.1+8}
 */
public record SystemInfo(String podName, int cores, long heapUsedBytes, long heapMaxBytes, OptionalLong rssBytes,
                         OptionalLong containerMemoryLimit, OptionalDouble containerCpuLimit,
                         long physicalMemoryBytes, OptionalDouble processCpuLoad, OptionalDouble systemCpuLoad,
                         Duration uptime, String javaVersion) {
}
