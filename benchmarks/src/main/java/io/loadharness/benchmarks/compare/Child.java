package io.loadharness.benchmarks.compare;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process the comparisons start: ours or a peer. Standard error goes to a log file; standard input
 * and output stay open for the line protocols. {@link #close()} ends it and every descendant.
 */
final class Child implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final long startNanos;

    private Child(Process process, long startNanos) {
        this.process = process;
        this.startNanos = startNanos;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.US_ASCII);
    }

    /**
     * @param command the command line
     * @param env     extra environment variables
     * @param log     where standard error (and standard output, when {@code mergeOut}) goes
     * @param mergeOut whether standard output goes to the log too
     * @return the started process
     */
    static Child start(List<String> command, Map<String, String> env, File log, boolean mergeOut) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.redirectError(ProcessBuilder.Redirect.appendTo(log));
        if (mergeOut) {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        }
        long start = System.nanoTime();
        try {
            return new Child(builder.start(), start);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** @return {@link System#nanoTime()} just before the process was started */
    long startNanos() {
        return startNanos;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** @return the next line of standard output, or null at its end */
    String readLine() {
        try {
            return out.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param prefix what the line must start with
     * @return the rest of the next line of standard output
     * @throws IllegalStateException if it does not start so
     */
    String expect(String prefix) {
        String line = readLine();
        if (line == null || !line.startsWith(prefix)) {
            throw new IllegalStateException("expected '" + prefix + "' from pid " + pid() + ", got " + line);
        }
        return line.substring(prefix.length()).trim();
    }

    void send(String line) {
        in.println(line);
    }

    /**
     * @param timeout time to wait
     * @return the exit code, or -1 if it is still running
     * @throws InterruptedException if interrupted
     */
    int waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** Ends the process and its descendants: SIGTERM, then SIGKILL after two seconds. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(2));
    }

    /**
     * Ends the process and its descendants: SIGTERM, then SIGKILL after the grace period.
     *
     * @param grace time the process may take to exit on its own
     */
    void stop(Duration grace) {
        List<ProcessHandle> all = process.descendants().toList();
        process.destroy();
        all.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
