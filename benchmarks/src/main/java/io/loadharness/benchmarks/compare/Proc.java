package io.loadharness.benchmarks.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Linux's {@code /proc} says about a process: CPU time and resident memory. Every comparison
 * measures us and the peer through this one class, the same way.
 */
final class Proc {

    /** Clock ticks per second of {@code /proc/PID/stat} times ({@code getconf CLK_TCK}; 100 on Linux). */
    static final long TICKS_PER_SECOND = 100;

    private Proc() {
    }

    /**
     * CPU time (user + system) of a process and every live descendant, plus the reaped children's
     * time the process has collected; a process that forks workers (stress-ng) is measured whole.
     *
     * @param root the process
     * @return user and system CPU time; zero once the process is gone
     */
    static CpuTime treeCpu(long root) {
        Map<Long, List<Long>> children = new HashMap<>();
        Map<Long, String[]> stats = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : dirs) {
                String[] stat = stat(dir.resolve("stat"));
                if (stat == null) {
                    continue;
                }
                long pid = Long.parseLong(dir.getFileName().toString());
                stats.put(pid, stat);
                children.computeIfAbsent(Long.parseLong(stat[1]), p -> new ArrayList<>()).add(pid);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] rootStat = stats.get(root);
        if (rootStat == null) {
            return new CpuTime(0, 0);
        }
        // Fields after the command: [0]=state, [1]=ppid ... utime=[11], stime=[12], cutime=[13], cstime=[14].
        long user = Long.parseLong(rootStat[13]);
        long system = Long.parseLong(rootStat[14]);
        Set<Long> seen = new HashSet<>();
        List<Long> queue = new ArrayList<>(List.of(root));
        while (!queue.isEmpty()) {
            long pid = queue.removeLast();
            if (!seen.add(pid)) {
                continue;
            }
            String[] stat = stats.get(pid);
            if (stat != null) {
                user += Long.parseLong(stat[11]);
                system += Long.parseLong(stat[12]);
            }
            queue.addAll(children.getOrDefault(pid, List.of()));
        }
        long nanosPerTick = 1_000_000_000L / TICKS_PER_SECOND;
        return new CpuTime(user * nanosPerTick, system * nanosPerTick);
    }

    /**
     * CPU time of a process tree.
     *
     * @param userNanos   user time in nanoseconds
     * @param systemNanos system (kernel) time in nanoseconds
     */
    record CpuTime(long userNanos, long systemNanos) {
        long totalNanos() {
            return userNanos + systemNanos;
        }
    }

    /**
     * CPU time (user + system) of one process, all its threads, without its children.
     *
     * @param pid the process
     * @return CPU time in nanoseconds; 0 once the process is gone
     */
    static long processCpuNanos(long pid) {
        String[] stat = stat(Path.of("/proc", Long.toString(pid), "stat"));
        if (stat == null) {
            return 0;
        }
        return (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /**
     * @return the whole machine's CPU time from the first line of {@code /proc/stat}: {busy, total} in
     *         nanoseconds summed over all cores (busy is everything but idle and iowait)
     */
    static long[] machineCpu() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            long nanosPerTick = 1_000_000_000L / TICKS_PER_SECOND;
            return new long[] {(total - idle) * nanosPerTick, total * nanosPerTick};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param pid a process
     * @return its resident set size ({@code VmRSS}) in bytes, or -1 if it is gone
     */
    static long rssBytes(long pid) {
        return statusField(pid, "VmRSS:");
    }

    /**
     * @param pid a process
     * @return its peak resident set size ({@code VmHWM}) in bytes, or -1 if it is gone
     */
    static long peakRssBytes(long pid) {
        return statusField(pid, "VmHWM:");
    }

    private static long statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
            return -1;
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the fields of a stat file after the command name, or null if the process is gone */
    private static String[] stat(Path file) {
        try {
            String line = Files.readString(file);
            return line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            // A process that exits while we read its stat file
            return null;
        }
    }
}
