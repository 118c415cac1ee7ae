package org.parley.history.service.ledger;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The aggregate cache, seen through the database transaction: inside a transaction an aggregate is taken out of the
 * shared cache for that transaction's own use, and goes back only once the transaction has committed.
 *
 * <p>A bulk import runs hundreds of commands in one transaction, and Axon releases an aggregate's lock after each
 * command, long before the commit. Without this a concurrent request would take the cached aggregate holding events
 * that are not committed (and may never be): it could answer "replayed" for a write that the import then rolls back.
 * With it, such a request loads the committed events, and its append waits on the import's, then conflicts and is
 * retried on a fresh load. A rolled-back transaction puts nothing back.
 */
final class TransactionBoundCache implements Cache {

    /** What a transaction removed: it must load the aggregate again, not take the shared copy. */
    private static final Object REMOVED = new Object();

    private final Cache shared;

    TransactionBoundCache(Cache shared) {
        this.shared = shared;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Map<Object, Object> own = ownEntries();
        if (own == null) {
            return shared.get(key);
        }
        Object entry = own.get(key);
        if (entry == null && !own.containsKey(key)) {
            entry = shared.get(key);
            if (entry != null) {
                shared.remove(key);
                own.put(key, entry);
            }
        }
        return entry == REMOVED ? null : (V) entry;
    }

    @Override
    public void put(Object key, Object value) {
        Map<Object, Object> own = ownEntries();
        if (own == null) {
            shared.put(key, value);
        } else {
            own.put(key, value);
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        if (containsKey(key)) {
            return false;
        }
        put(key, value);
        return true;
    }

    @Override
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        T value = get(key);
        if (value == null) {
            value = valueSupplier.get();
            put(key, value);
        }
        return value;
    }

    @Override
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        V value = get(key);
        if (value != null) {
            put(key, update.apply(value));
        }
    }

    @Override
    public boolean remove(Object key) {
        Map<Object, Object> own = ownEntries();
        boolean held = own != null && own.get(key) != null && own.get(key) != REMOVED;
        if (own != null) {
            own.put(key, REMOVED);
        }
        return shared.remove(key) || held;
    }

    @Override
    public void removeAll() {
        Map<Object, Object> own = ownEntries();
        if (own != null) {
            own.replaceAll((key, value) -> REMOVED);
        }
        shared.removeAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        return shared.registerCacheEntryListener(listener);
    }

    /** This transaction's entries, or null outside a transaction. */
    @SuppressWarnings("unchecked")
    private Map<Object, Object> ownEntries() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Map<Object, Object> own = (Map<Object, Object>) TransactionSynchronizationManager.getResource(this);
        if (own == null) {
            Map<Object, Object> entries = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, entries);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(TransactionBoundCache.this);
                    entries.forEach((key, value) -> {
                        if (status == STATUS_COMMITTED && value != REMOVED) {
                            shared.put(key, value);
                        } else {
                            shared.remove(key);
                        }
                    });
                }
            });
            own = entries;
        }
        return own;
    }
}
