package io.loadharness.prometheus.live;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Keeps each loaded value for a short time and lets concurrent callers for the same key share one load,
 * so N dashboards polling at once cost Prometheus one set of queries per TTL, not N.
 */
final class SharedCache<K, V> {

    private record Entry<V>(V value, Instant expiresAt) {
    }

    private final Duration ttl;
    private final InstantSource clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<K, Entry<V>> loaded = new HashMap<>();
    private final Map<K, CompletableFuture<V>> loading = new HashMap<>();

    SharedCache(Duration ttl, InstantSource clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * Returns the cached value while it is fresh; else joins a load already running for the key; else runs
     * {@code loader} on the calling thread and shares its result.
     */
    V get(K key, Supplier<V> loader) {
        CompletableFuture<V> shared;
        CompletableFuture<V> mine = null;
        lock.lock();
        try {
            Entry<V> entry = loaded.get(key);
            if (entry != null && clock.instant().isBefore(entry.expiresAt())) {
                return entry.value();
            }
            shared = loading.get(key);
            if (shared == null) {
                mine = new CompletableFuture<>();
                loading.put(key, mine);
                shared = mine;
            }
        } finally {
            lock.unlock();
        }
        if (mine != null) {
            load(key, loader, mine);
        }
        try {
            return shared.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private void load(K key, Supplier<V> loader, CompletableFuture<V> mine) {
        V value;
        try {
            value = loader.get();
        } catch (RuntimeException | Error e) {
            lock.lock();
            try {
                loading.remove(key);
            } finally {
                lock.unlock();
            }
            mine.completeExceptionally(e);
            return;
        }
        lock.lock();
        try {
            Instant now = clock.instant();
            loaded.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
            if (!ttl.isZero()) {
                loaded.put(key, new Entry<>(value, now.plus(ttl)));
            }
            loading.remove(key);
        } finally {
            lock.unlock();
        }
        mine.complete(value);
    }
}
