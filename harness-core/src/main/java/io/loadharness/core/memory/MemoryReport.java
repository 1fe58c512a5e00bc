package io.loadharness.core.memory;

import java.util.OptionalLong;

/**
 * What a one-shot memory hold did. RSS values are empty where the platform does not report them
 * (no {@code /proc}), never zero.
 *
 * @param requestedMb  the size asked for, in MiB
 * @param heldMs       time the memory was resident, in milliseconds
 * @param allocationMs time to allocate and touch every page, in milliseconds
 * @param rssBefore    process RSS before allocating, bytes
 * @param rssPeak      process RSS with the memory resident, bytes
 * @param rssAfter     process RSS after releasing, bytes
 */
public record MemoryReport(int requestedMb, double heldMs, double allocationMs, OptionalLong rssBefore,
                           OptionalLong rssPeak, OptionalLong rssAfter) {
}
