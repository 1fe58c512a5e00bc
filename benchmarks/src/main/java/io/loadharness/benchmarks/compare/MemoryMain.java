package io.loadharness.benchmarks.compare;

import io.loadharness.core.memory.ResidentMemory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Our side of the memory comparison, speaking the same line protocol on standard input and output as
 * the C peer ({@code src/main/c/touch.c}): {@code alloc BYTES} answers {@code allocated NANOS} once
 * every page is resident, {@code free} answers {@code freed NANOS} once the block is unmapped,
 * {@code quit} ends. The times are taken around the library call alone, as the C program times its
 * own {@code mmap} and page writes.
 */
public final class MemoryMain {

    private MemoryMain() {
    }

    /**
     * @param args none
     * @throws IOException if standard input fails
     */
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        ResidentMemory block = null;
        System.out.println("ready");
        System.out.flush();
        for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
            String[] words = line.trim().split(" ");
            switch (words[0]) {
                case "alloc" -> {
                    long start = System.nanoTime();
                    block = ResidentMemory.allocate(Long.parseLong(words[1]));
                    System.out.println("allocated " + (System.nanoTime() - start));
                }
                case "free" -> {
                    long start = System.nanoTime();
                    if (block != null) {
                        block.close();
                        block = null;
                    }
                    System.out.println("freed " + (System.nanoTime() - start));
                }
                default -> System.out.println("error unknown command " + words[0]);
            }
            System.out.flush();
        }
    }
}
