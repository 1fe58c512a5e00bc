/**
 * LoadHarness core: synthetic CPU, memory and fan-out load as a plain-Java library.
 *
 * <p>Start at {@link io.loadharness.core.LoadHarness}. The module depends on nothing but the JDK.
 */
module io.loadharness.core {
    requires jdk.management;

    exports io.loadharness.core;
    exports io.loadharness.core.params;
    exports io.loadharness.core.cpu;
    exports io.loadharness.core.memory;
    exports io.loadharness.core.fanout;
    exports io.loadharness.core.jobs;
    exports io.loadharness.core.system;
}
