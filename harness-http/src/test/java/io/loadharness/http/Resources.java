package io.loadharness.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

/**
 * Counts what a leak would leave behind in this JVM: live platform threads other than the
 * virtual-thread scheduler's carriers, and open sockets (the {@code socket:} entries of {@code /proc/self/fd}, Linux only). A leaked virtual thread
 * is not in the thread count, but one stuck on a connection keeps its socket, which is.
 */
final class Resources {

    private Resources() {
    }

    /**
     * @return live platform threads, not counting the carriers of the virtual-thread scheduler: that pool
     *         grows on demand up to its bound and keeps idle carriers a while, which is not a leak
     */
    static int threads() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(t -> !isCarrier(t)).count();
    }

    private static boolean isCarrier(Thread thread) {
        return thread.getClass().getName().equals("jdk.internal.misc.CarrierThread");
    }

    /** Names of the live platform threads, for telling which ones a count difference is made of. */
    static java.util.Set<String> threadNames() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            names.add(thread.getName() + (isCarrier(thread) ? " (carrier)" : ""));
        }
        return names;
    }

    static int sockets() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return (int) fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                    // The descriptor was closed between listing and reading: not a socket any more.
                    return false;
                }
            }).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Polls until the count is at most {@code ceiling} or the time is up.
     *
     * @return the last count seen
     */
    static int settle(IntSupplier count, int ceiling, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        int now = count.getAsInt();
        while (now > ceiling && System.nanoTime() < deadline) {
            Thread.sleep(50);
            now = count.getAsInt();
        }
        return now;
    }
}
