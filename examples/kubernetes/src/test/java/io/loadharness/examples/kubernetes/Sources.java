package io.loadharness.examples.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's own files, read by the tests to compare the manifests with the code. */
final class Sources {

    /** The server's modules: whatever the deployed process reads comes from one of these. */
    static final List<String> SERVER_MODULES = List.of("harness-core", "harness-http", "harness-prometheus", "harness-ui");

    private Sources() {
    }

    /** @return the repository root (the reactor root) */
    static Path root() {
        return Path.of(System.getProperty("loadharness.root", "../..")).toAbsolutePath().normalize();
    }

    /** @return this module's folder, which is also the kustomization */
    static Path kustomization() {
        return Path.of(System.getProperty("kustomization.dir", ".")).toAbsolutePath().normalize();
    }

    /** @return the text of a file under the repository root */
    static String read(String relative) {
        try {
            return Files.readString(root().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the text of a file */
    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param modules module folders under the repository root
     * @return their main Java sources
     */
    static List<Path> javaFiles(List<String> modules) {
        return modules.stream()
                .map(module -> root().resolve(module).resolve("src/main/java"))
                .filter(Files::isDirectory)
                .flatMap(Sources::javaFiles)
                .toList();
    }

    /**
     * @param literal a string, e.g. {@code HARNESS_MAX_JOBS}
     * @return the main Java sources of the server modules that contain it as a quoted string literal
     */
    static List<Path> javaFilesQuoting(String literal) {
        String quoted = "\"" + literal + "\"";
        return javaFiles(SERVER_MODULES).stream().filter(file -> read(file).contains(quoted)).toList();
    }

    private static Stream<Path> javaFiles(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
