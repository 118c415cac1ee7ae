package org.parley.history.benchmarks;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Axon's transaction and entity manager seams over a resource-local EntityManagerFactory: one EntityManager per
 * transaction, closed at its end, as Spring's JpaTransactionManager gives a Spring Boot service. A fresh
 * persistence context per transaction matters: a long-lived one would make every flush dirty-check all events so far.
 */
final class ResourceLocalJpaTransactions implements TransactionManager, EntityManagerProvider {

    /** Joins the outer transaction; see {@link ThreadBoundJdbcTransactions} for why its rollback does nothing. */
    private static final Transaction JOINED = new Transaction() {
        @Override
        public void commit() {}

        @Override
        public void rollback() {}
    };

    private final EntityManagerFactory entityManagerFactory;
    private final ThreadLocal<EntityManager> bound = new ThreadLocal<>();

    ResourceLocalJpaTransactions(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = entityManagerFactory;
    }

    @Override
    public Transaction startTransaction() {
        if (bound.get() != null) {
            return JOINED;
        }
        EntityManager entityManager = entityManagerFactory.createEntityManager();
        EntityTransaction transaction = entityManager.getTransaction();
        transaction.begin();
        bound.set(entityManager);
        return new Transaction() {
            @Override
            public void commit() {
                try {
                    transaction.commit();
                } finally {
                    release(entityManager);
                }
            }

            @Override
            public void rollback() {
                try {
                    transaction.rollback();
                } finally {
                    release(entityManager);
                }
            }
        };
    }

    @Override
    public EntityManager getEntityManager() {
        EntityManager entityManager = bound.get();
        if (entityManager == null) {
            throw new IllegalStateException("no transaction on this thread");
        }
        return entityManager;
    }

    private void release(EntityManager entityManager) {
        bound.remove();
        entityManager.close();
    }
}
