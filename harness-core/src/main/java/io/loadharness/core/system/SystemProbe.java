package io.loadharness.core.system;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Reads process and container facts: RSS from {@code /proc/self/status}, limits from cgroup v2 or v1,
 * CPU load and CPU time from the JVM. Every reading is cheap enough to take per request.
 *
 * <pre>{@code
 * SystemInfo info = SystemProbe.info();
 * OptionalLong rss = SystemProbe.rssBytes();
 * }</pre>
 */
public final class SystemProbe {

    private static final System.Logger LOG = System.getLogger(SystemProbe.class.getName());
    private static final Path PROC_STATUS = Path.of("/proc/self/status");
    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    /** cgroup v1 reports "no limit" as a huge page-aligned number; anything above this is no limit. */
    private static final long V1_UNLIMITED = 1L << 60;

    private SystemProbe() {
    }

    /**
     * @return a fresh snapshot of the process and its host
     */
    public static SystemInfo info() {
        return info(podName());
    }

    /**
     * @param podName the pod name to report, e.g. one configured by the embedding service
     * @return a fresh snapshot of the process and its host
     */
    public static SystemInfo info(String podName) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        OperatingSystemMXBean os = osBean();
        return new SystemInfo(podName, Runtime.getRuntime().availableProcessors(), heap.getUsed(), heap.getMax(),
                rssBytes(), containerMemoryLimit(), containerCpuLimit(), os.getTotalMemorySize(),
                fraction(os.getProcessCpuLoad()), fraction(os.getCpuLoad()),
                Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime()), Runtime.version().toString());
    }

    /**
     * @return {@code POD_NAME}, else {@code HOSTNAME}, else the host name, else {@code localhost}
     */
    public static String podName() {
        for (String key : List.of("POD_NAME", "HOSTNAME")) {
            String value = System.getenv(key);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "host name unavailable", e);
            return "localhost";
        }
    }

    /**
     * @return the resident set size of this process, or empty where {@code /proc} does not exist
     */
    public static OptionalLong rssBytes() {
        try {
            for (String line : Files.readAllLines(PROC_STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring("VmRSS:".length()).replace("kB", "").strip();
                    return OptionalLong.of(Long.parseLong(kb) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.log(System.Logger.Level.DEBUG, "RSS unavailable", e);
        }
        return OptionalLong.empty();
    }

    /**
     * @return CPU time used by every thread of this process, in nanoseconds
     */
    public static long processCpuNanos() {
        return osBean().getProcessCpuTime();
    }

    /**
     * @return the memory limit of this process's cgroup (v2 {@code memory.max}, else v1
     *         {@code memory.limit_in_bytes}), or empty when none is set
     */
    public static OptionalLong containerMemoryLimit() {
        OptionalLong v2 = readLimit(CGROUP_ROOT.resolve("memory.max"));
        return v2.isPresent() ? v2 : readLimit(CGROUP_ROOT.resolve("memory/memory.limit_in_bytes"));
    }

    /**
     * @return the CPU limit of this process's cgroup in cores (v2 {@code cpu.max}, else v1
     *         {@code cpu.cfs_quota_us / cpu.cfs_period_us}), or empty when none is set
     */
    public static OptionalDouble containerCpuLimit() {
        try {
            Path v2 = CGROUP_ROOT.resolve("cpu.max");
            if (Files.isReadable(v2)) {
                String[] parts = Files.readString(v2).strip().split("\\s+");
                if (parts.length == 2 && !parts[0].equals("max")) {
                    return OptionalDouble.of(Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]));
                }
                return OptionalDouble.empty();
            }
            Path quota = CGROUP_ROOT.resolve("cpu/cpu.cfs_quota_us");
            Path period = CGROUP_ROOT.resolve("cpu/cpu.cfs_period_us");
            if (Files.isReadable(quota) && Files.isReadable(period)) {
                long q = Long.parseLong(Files.readString(quota).strip());
                long p = Long.parseLong(Files.readString(period).strip());
                if (q > 0 && p > 0) {
                    return OptionalDouble.of((double) q / p);
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.log(System.Logger.Level.DEBUG, "cgroup CPU limit unreadable", e);
        }
        return OptionalDouble.empty();
    }

    /**
     * @return half the container memory limit if one is set, else half of physical memory
     */
    public static long defaultMemoryBudgetBytes() {
        long total = containerMemoryLimit().orElseGet(() -> osBean().getTotalMemorySize());
        return Math.max(1L << 20, total / 2);
    }

    private static OptionalLong readLimit(Path file) {
        if (!Files.isReadable(file)) {
            return OptionalLong.empty();
        }
        try {
            String text = Files.readString(file).strip();
            if (text.equals("max")) {
                return OptionalLong.empty();
            }
            long value = Long.parseLong(text);
            return value <= 0 || value >= V1_UNLIMITED ? OptionalLong.empty() : OptionalLong.of(value);
        } catch (IOException | NumberFormatException e) {
            LOG.log(System.Logger.Level.DEBUG, "cgroup limit unreadable: " + file, e);
            return OptionalLong.empty();
        }
    }

    private static OptionalDouble fraction(double value) {
        return value >= 0 && !Double.isNaN(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
    }

    private static OperatingSystemMXBean osBean() {
        return (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    }
}
