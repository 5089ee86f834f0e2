package dev.keycard;

import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * What a node read from the database, answered again for a short time: rows asked for on every
 * request that change rarely (a client, a user's claims). Only what exists is kept, so keys a
 * caller makes up cannot fill memory, and past {@code max} copies all are dropped. Whoever changes
 * such a row calls {@link #forgetOnceCommitted} in the changing transaction, so the node that made
 * the change answers with it at once; other nodes when their copy is older than the time-to-live.
 */
public final class RecentCopies<V> {

    private record Copy<V>(V value, long readAt) {}

    private final Map<String, Copy<V>> copies = new ConcurrentHashMap<>();
    private final int max;

    /** Counts every forgetting: a read that overlapped one may have seen the row before the change. */
    private final AtomicLong forgotten = new AtomicLong();

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
        long before = forgotten.get();
        Optional<V> found = read.apply(key);
        if (found.isPresent() && key != null && forgotten.get() == before) {
            if (copies.size() >= max) {
                copies.clear();
            }
            copies.put(key, new Copy<>(found.get(), now));
        }
        return found;
    }

    public void forget(String key) {
        forgotten.incrementAndGet();
        if (key != null) {
            copies.remove(key);
        }
    }

    /**
     * Forgets now and again when the current transaction ends: a request that read the row before
     * the commit cannot leave the old copy behind (its read overlapped the second forgetting).
     */
    public void forgetOnceCommitted(String key, TransactionSynchronizationRegistry transactions) {
        forget(key);
        if (transactions != null && transactions.getTransactionKey() != null) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    forget(key);
                }
            });
        }
    }
}
