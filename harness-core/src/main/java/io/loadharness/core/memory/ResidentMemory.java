package io.loadharness.core.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.Optional;

/**
 * A block of off-heap memory that is really resident: every page is written once, so the process
 * RSS grows by its size, and {@link #close()} gives it back to the operating system at once.
 *
 * <p>On Linux the block is an anonymous {@code mmap} (prefaulted with {@code MAP_POPULATE}) released
 * by {@code munmap} when its arena closes; elsewhere it comes from {@link Arena#allocate}. The heap
 * is not used: the GC would make such memory neither resident on demand nor released on time.
 *
 * <pre>{@code
 * try (ResidentMemory block = ResidentMemory.allocate(100L << 20)) {
 *     // RSS is now ~100 MiB higher
 * }   // and back down here
 * }</pre>
 */
public final class ResidentMemory implements AutoCloseable {

    /** Touch stride; the smallest page size of any platform we run on, so every page is written. */
    private static final long PAGE = 4096;
    private static final int PROT_READ_WRITE = 0x1 | 0x2;
    private static final int MAP_PRIVATE_ANONYMOUS_POPULATE = 0x02 | 0x20 | 0x8000;

    private static final Optional<MethodHandle> MMAP;
    private static final Optional<MethodHandle> MUNMAP;

    static {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        Linker linker = Linker.nativeLinker();
        MMAP = linux ? linker.defaultLookup().find("mmap").map(address -> linker.downcallHandle(address,
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG)))
                : Optional.empty();
        MUNMAP = linux ? linker.defaultLookup().find("munmap").map(address -> linker.downcallHandle(address,
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG)))
                : Optional.empty();
    }

    private final Arena arena;
    private final MemorySegment segment;
    private final double allocationMs;

    private ResidentMemory(Arena arena, MemorySegment segment, double allocationMs) {
        this.arena = arena;
        this.segment = segment;
        this.allocationMs = allocationMs;
    }

    /**
     * Allocates {@code bytes} off-heap and writes every page.
     *
     * @param bytes size in bytes, at least 1
     * @return the resident block; close it to release the memory
     * @throws IllegalArgumentException if bytes is not positive
     * @throws OutOfMemoryError         if the operating system refuses the memory
     */
    public static ResidentMemory allocate(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("bytes must be at least 1, was " + bytes);
        }
        long start = System.nanoTime();
        Arena arena = Arena.ofShared();
        try {
            MemorySegment segment = MMAP.isPresent() && MUNMAP.isPresent() ? mapped(arena, bytes) : arena.allocate(bytes, PAGE);
            for (long offset = 0; offset < bytes; offset += PAGE) {
                segment.set(ValueLayout.JAVA_BYTE, offset, (byte) 1);
            }
            return new ResidentMemory(arena, segment, (System.nanoTime() - start) / 1e6);
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    private static MemorySegment mapped(Arena arena, long bytes) {
        MemorySegment address;
        try {
            address = (MemorySegment) MMAP.orElseThrow().invokeExact(MemorySegment.NULL, bytes, PROT_READ_WRITE,
                    MAP_PRIVATE_ANONYMOUS_POPULATE, -1, 0L);
        } catch (Throwable e) {
            throw new IllegalStateException("mmap failed", e);
        }
        if (address.address() == -1L) {
            throw new OutOfMemoryError("mmap refused " + bytes + " bytes");
        }
        return address.reinterpret(bytes, arena, segment -> unmap(segment, bytes));
    }

    private static void unmap(MemorySegment segment, long bytes) {
        try {
            int rc = (int) MUNMAP.orElseThrow().invokeExact(segment, bytes);
            if (rc != 0) {
                System.getLogger(ResidentMemory.class.getName()).log(System.Logger.Level.WARNING,
                        "munmap of " + bytes + " bytes returned " + rc);
            }
        } catch (Throwable e) {
            throw new IllegalStateException("munmap failed", e);
        }
    }

    /**
     * @return the size of the block in bytes
     */
    public long bytes() {
        return segment.byteSize();
    }

    /**
     * @return time taken to allocate and touch every page, in milliseconds
     */
    public double allocationMs() {
        return allocationMs;
    }

    /**
     * Releases the memory to the operating system. Safe to call more than once.
     */
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
