package io.loadharness.benchmarks.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Memory: allocating and touching 500 MiB with {@code ResidentMemory} against a C program doing
 * {@code mmap} and a write per page. Both run as processes of their own, side by side, driven round
 * by round in turn through the same line protocol; each times its own allocation, and this class
 * reads both processes' RSS from {@code /proc} the same way: just before, right after the allocation,
 * and every millisecond after the release until it is back down.
 *
 * <p>A third program, the same C binary with transparent huge pages asked for ({@code madvise}),
 * shows what that change would buy.
 */
final class MemoryComparison {

    static final long BYTES = 500L << 20;

    private MemoryComparison() {
    }

    static Map<String, Object> run(Settings settings) throws InterruptedException {
        int rounds = settings.quick() ? 2 : 6;
        Map<String, Program> programs = new LinkedHashMap<>();
        programs.put("ours", new Program(List.of(settings.java(), "--enable-native-access=ALL-UNNAMED", "-cp",
                settings.classPath(), MemoryMain.class.getName()), "alloc"));
        programs.put("c", new Program(List.of(settings.touch()), "alloc"));
        programs.put("c_thp", new Program(List.of(settings.touch()), "alloc-thp"));
        Map<String, Child> children = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Program> entry : programs.entrySet()) {
                Child child = Child.start(entry.getValue().command(), Map.of(), settings.file("memory-" + entry.getKey() + ".log"), false);
                children.put(entry.getKey(), child);
                child.expect("ready");
            }
            Thread.sleep(500);
            Map<String, List<Map<String, Object>>> results = new LinkedHashMap<>();
            programs.keySet().forEach(name -> results.put(name, new ArrayList<>()));
            // Rounds in turn, so that neither side always meets memory the other has just handed back.
            for (int round = 0; round < rounds; round++) {
                for (Map.Entry<String, Program> entry : programs.entrySet()) {
                    results.get(entry.getKey()).add(round(children.get(entry.getKey()), entry.getValue().alloc()));
                    Thread.sleep(200);
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("bytes", BYTES);
            out.put("rounds", rounds);
            results.forEach((name, list) -> out.put(name, summary(list)));
            return out;
        } finally {
            children.values().forEach(child -> {
                child.send("quit");
                child.close();
            });
        }
    }

    private record Program(List<String> command, String alloc) {
    }

    private static Map<String, Object> round(Child child, String alloc) {
        long before = Proc.rssBytes(child.pid());
        child.send(alloc + " " + BYTES);
        double allocMs = Long.parseLong(child.expect("allocated")) / 1e6;
        long peak = Proc.rssBytes(child.pid());
        long freeSent = System.nanoTime();
        child.send("free");
        double unmapMs = Long.parseLong(child.expect("freed")) / 1e6;
        long limit = before + BYTES / 20;
        long deadline = freeSent + 3_000_000_000L;
        long rss = Proc.rssBytes(child.pid());
        while (rss > limit && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
            rss = Proc.rssBytes(child.pid());
        }
        double releaseMs = rss <= limit ? (System.nanoTime() - freeSent) / 1e6 : Double.NaN;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("alloc_ms", allocMs);
        r.put("rss_before_mib", before / 1048576.0);
        r.put("rss_gain_percent", 100.0 * (peak - before) / BYTES);
        r.put("unmap_ms", unmapMs);
        r.put("release_ms", releaseMs);
        return r;
    }

    private static Map<String, Object> summary(List<Map<String, Object>> rounds) {
        List<Double> alloc = values(rounds, "alloc_ms");
        List<Double> warm = alloc.size() > 1 ? alloc.subList(1, alloc.size()) : alloc;
        List<Double> release = values(rounds, "release_ms");
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("first_alloc_ms", alloc.getFirst());
        s.put("median_alloc_ms", Stats.median(warm));
        s.put("min_alloc_ms", Stats.min(alloc));
        s.put("gb_per_s", BYTES / 1e9 / (Stats.median(warm) / 1e3));
        s.put("min_rss_gain_percent", Stats.min(values(rounds, "rss_gain_percent")));
        s.put("max_release_ms", release.stream().anyMatch(d -> d.isNaN()) ? Double.NaN : Stats.max(release));
        s.put("median_unmap_ms", Stats.median(values(rounds, "unmap_ms")));
        s.put("rounds", rounds);
        return s;
    }

    private static List<Double> values(List<Map<String, Object>> rounds, String key) {
        return rounds.stream().map(r -> (Double) r.get(key)).toList();
    }
}
