/*
 * The C peer of the memory comparison: allocate anonymous memory and write one byte per page, as
 * LoadHarness's ResidentMemory does, timed around the same work. Line protocol on stdin/stdout
 * (the same as io.loadharness.benchmarks.compare.MemoryMain):
 *   alloc BYTES      mmap(MAP_PRIVATE|MAP_ANONYMOUS|MAP_POPULATE), write a byte per page -> "allocated NANOS"
 *   alloc-thp BYTES  mmap without MAP_POPULATE, madvise(MADV_HUGEPAGE), write a byte per page -> "allocated NANOS"
 *   free             munmap -> "freed NANOS"
 *   quit
 * Built by benchmarks/compare.sh with: gcc -O2 -o touch touch.c
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long) ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(void) {
    char line[256];
    volatile char *block = NULL;
    size_t size = 0;
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("ready\n");
    while (fgets(line, sizeof line, stdin) != NULL) {
        char command[32];
        unsigned long long bytes = 0;
        if (sscanf(line, "%31s %llu", command, &bytes) < 1 || strcmp(command, "quit") == 0) {
            break;
        }
        if (strcmp(command, "alloc") == 0 || strcmp(command, "alloc-thp") == 0) {
            int thp = strcmp(command, "alloc-thp") == 0;
            long long start = now_ns();
            void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | (thp ? 0 : MAP_POPULATE), -1, 0);
            if (p == MAP_FAILED) {
                printf("error mmap\n");
                continue;
            }
            if (thp) {
                madvise(p, bytes, MADV_HUGEPAGE);
            }
            block = p;
            size = bytes;
            for (size_t offset = 0; offset < size; offset += 4096) {
                block[offset] = 1;
            }
            printf("allocated %lld\n", now_ns() - start);
        } else if (strcmp(command, "free") == 0) {
            long long start = now_ns();
            if (block != NULL) {
                munmap((void *) block, size);
                block = NULL;
            }
            printf("freed %lld\n", now_ns() - start);
        } else {
            printf("error unknown command %s\n", command);
        }
    }
    return 0;
}
