/**
 * Example: harness-core embedded in a plain Java program. Run {@link io.loadharness.examples.embedcore.EmbedCore}.
 */
module io.loadharness.examples.embedcore {
    requires io.loadharness.core;
}
