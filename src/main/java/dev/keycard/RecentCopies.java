package dev.keycard;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What a node read from the database, answered again for a short time: rows asked for on every
 * request that change rarely (a client, a user's claims). Only what exists is kept, so keys a
 * caller makes up cannot fill memory, and past {@code max} copies all are dropped. Whoever changes
 * such a row calls {@link #forget} before the change commits, so the node that made it sees it at
 * once; other nodes see it when their copy is older than the time-to-live.
 */
public final class RecentCopies<V> {

    private record Copy<V>(V value, long readAt) {}

    private final Map<String, Copy<V>> copies = new ConcurrentHashMap<>();
    private final int max;

    public RecentCopies(int max) {
        this.max = max;
    }

    /** The copy if it was read less than {@code ttl} ago, else what {@code read} finds now. */
    public Optional<V> get(String key, Duration ttl, Function<String, Optional<V>> read) {
        long now = System.nanoTime();
        Copy<V> copy = key == null ? null : copies.get(key);
        if (copy != null && now - copy.readAt() < ttl.toNanos()) {
            return Optional.of(copy.value());
        }
        Optional<V> found = read.apply(key);
        if (found.isPresent() && key != null) {
            if (copies.size() >= max) {
                copies.clear();
            }
            copies.put(key, new Copy<>(found.get(), now));
        } else {
            forget(key);
        }
        return found;
    }

    public void forget(String key) {
        if (key != null) {
            copies.remove(key);
        }
    }
}
