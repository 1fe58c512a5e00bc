package io.loadharness.benchmarks.memory;

import io.loadharness.core.memory.ResidentMemory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Allocate-and-touch throughput of {@link ResidentMemory#allocate} for 100 and 500 MB, in milliseconds
 * per block (the report turns it into GB/s), against filling a block of the same size that is already
 * resident: the memory bandwidth of this machine, the ceiling for any allocator that must hand out
 * zeroed pages. Releasing the block is outside the measured time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class MemoryBenchmark {

    /** The block size; a block is allocated and released once per invocation. */
    @State(Scope.Thread)
    public static class Allocation {
        @Param({"100", "500"})
        public int megabytes;
        ResidentMemory block;

        /** Releases the block the invocation allocated. */
        @TearDown(Level.Invocation)
        public void release() {
            if (block != null) {
                block.close();
                block = null;
            }
        }
    }

    /** A block of the same size, made resident once before measuring. */
    @State(Scope.Thread)
    public static class Resident {
        @Param({"100", "500"})
        public int megabytes;
        Arena arena;
        MemorySegment segment;
        byte value;

        /** Allocates and touches the block. */
        @Setup(Level.Trial)
        public void allocate() {
            arena = Arena.ofShared();
            segment = arena.allocate((long) megabytes << 20, 4096);
            segment.fill((byte) 0);
        }

        /** Frees it. */
        @TearDown(Level.Trial)
        public void free() {
            arena.close();
        }
    }

    /**
     * @param state size and the block to release afterwards
     * @return the block's size in bytes
     */
    @Benchmark
    public long allocateAndTouch(Allocation state) {
        state.block = ResidentMemory.allocate((long) state.megabytes << 20);
        return state.block.bytes();
    }

    /**
     * The baseline: write every byte of memory that is already resident.
     *
     * @param state the resident block
     * @return the block's size in bytes
     */
    @Benchmark
    public long baselineFillResident(Resident state) {
        state.segment.fill(++state.value);
        return state.segment.byteSize();
    }
}
