package io.loadharness.benchmarks.compare;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * How the comparisons run: where results go, quick or full, and how to start each program.
 *
 * @param outDir     directory for the JSON results and the children's logs
 * @param quick      short runs that only prove the scripts work
 * @param java       the java launcher of this JVM
 * @param classPath  this JVM's class path (the benchmarks jar), for our child processes
 * @param touch      the compiled C peer of the memory comparison
 * @param serverJar  the full server jar, or null to run the API-only server from the class path
 */
record Settings(File outDir, boolean quick, String java, String classPath, String touch, String serverJar) {

    /**
     * @param jvmOptions JVM options before the jar or main class, e.g. a pod's heap settings
     * @return the command that starts our server; PORT and HOST come from the environment
     */
    List<String> serverCommand(List<String> jvmOptions) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        if (serverJar != null) {
            command.addAll(List.of("-jar", serverJar));
        } else {
            command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", classPath, "io.loadharness.http.ApiMain"));
        }
        return command;
    }

    /** @return what {@link #serverCommand(List)} runs, for the report */
    String serverDescription() {
        return serverJar != null ? "java -jar " + new File(serverJar).getName() + " (full server: API and dashboard)"
                : "io.loadharness.http.ApiMain (API-only server; the full server jar was not built)";
    }

    /**
     * @param name a file name under {@link #outDir()}
     * @return the file
     */
    File file(String name) {
        return new File(outDir, name);
    }
}
