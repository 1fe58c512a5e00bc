package io.loadharness.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Records each property's seed, tries and the statuses it was answered with into the reliability
 * report, so that a run can be repeated exactly ({@code @Property(seed = "...")}) and its figures quoted.
 */
public final class PropertyFigures implements AroundPropertyHook {

    private static final Map<String, Map<Integer, AtomicInteger>> STATUSES = new ConcurrentHashMap<>();
    private static final Map<String, ReliabilityReport> REPORTS = new ConcurrentHashMap<>();

    /** Counts one answer of the property named. */
    static void status(String property, int status) {
        STATUSES.computeIfAbsent(property, p -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String name = context.targetMethod().getName();
        long start = System.nanoTime();
        PropertyExecutionResult result = property.execute();
        String report = context.containerClass().getSimpleName();
        Map<Integer, Integer> statuses = new TreeMap<>();
        STATUSES.getOrDefault(name, Map.of()).forEach((status, count) -> statuses.put(status, count.get()));
        REPORTS.computeIfAbsent(report, r -> ReliabilityReport.start(toFileName(r)))
                .put(name, result.status() + ", " + result.countTries() + " tries, " + result.countChecks()
                        + " checks, seed " + result.seed().orElse("none") + String.format(java.util.Locale.ROOT,
                        ", %.1f s", (System.nanoTime() - start) / 1e9))
                .put(name + " answers by status", statuses);
        return result;
    }

    private static String toFileName(String className) {
        return className.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
