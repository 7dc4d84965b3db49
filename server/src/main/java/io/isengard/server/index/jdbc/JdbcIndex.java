package io.isengard.server.index.jdbc;

import io.isengard.server.index.Index;
import io.isengard.server.index.IndexException;
import io.isengard.server.index.IndexTransaction;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index on a JDBC database: each unit of work in one transaction, writes
 * retried with jittered backoff on transient conflicts. SQLite serialises its
 * writers with a lock (it allows one writer at a time); PostgreSQL relies on
 * its own concurrency control.
 */
public final class JdbcIndex implements Index {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcIndex.class);
    private static final int MAX_ATTEMPTS = 20;
    /** Units of work committed together at most (bounds the transaction and the wait of the first). */
    private static final int MAX_GROUP = 64;

    private final ConnectionSource readers;
    private final ConnectionSource writers;
    private final Lock writeLock;
    private final SqlDialect dialect;
    private final AutoCloseable resources;
    private final LongAdder retries = new LongAdder();
    private final ConcurrentLinkedQueue<Grouped<?>> groupQueue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock groupLeader = new ReentrantLock();

    JdbcIndex(ConnectionSource readers, ConnectionSource writers, Lock writeLock, SqlDialect dialect,
            AutoCloseable resources) {
        this.readers = readers;
        this.writers = writers;
        this.writeLock = writeLock;
        this.dialect = dialect;
        this.resources = resources;
    }

    @Override
    public String backendName() {
        return dialect.name();
    }

    /** How many times a write was rolled back on a transient conflict and run again, since opening. */
    public long retriedTransactions() {
        return retries.sum();
    }

    private IndexTransaction transaction(ConnectionSource.Lease lease) {
        return new JdbcIndexTransaction(lease.connection(), lease.statements(), dialect);
    }

    @Override
    public <T> T read(Work<T> work) {
        try (ConnectionSource.Lease lease = readers.lease()) {
            lease.begin(false);
            try {
                T result = work.run(transaction(lease));
                lease.commit();
                return result;
            } catch (RuntimeException e) {
                lease.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IndexException("reading the " + dialect.name() + " index failed: " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T write(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            if (writeLock != null) {
                writeLock.lock();
            }
            try (ConnectionSource.Lease lease = writers.lease()) {
                lease.begin(true);
                try {
                    T result = work.run(transaction(lease));
                    lease.commit();
                    return result;
                } catch (RuntimeException | SQLException e) {
                    rollbackQuietly(lease);
                    SQLException sql = sqlCause(e);
                    if (sql == null || !dialect.isTransient(sql) || attempt >= MAX_ATTEMPTS) {
                        throw e;
                    }
                    retries.increment();
                    LOG.debug("transient conflict in the {} index (attempt {}), retrying: {}",
                            dialect.name(), attempt, sql.getMessage());
                }
            } catch (SQLException e) {
                throw new IndexException("writing to the " + dialect.name() + " index failed: " + e.getMessage(), e);
            } finally {
                if (writeLock != null) {
                    writeLock.unlock();
                }
            }
            backoff(attempt);
        }
    }

    /**
     * Group commit: the caller queues its work, then whoever holds the leader
     * lock runs everything queued so far in one transaction. Callers that find
     * their work done when they get the lock return at once. Under load the
     * commits, their WAL writes and the waits for the write lock are shared.
     *
     * <p>A work that fails (a refused instance, say) must fail alone. Rather
     * than a savepoint around each work (two more round trips each, which
     * count on PostgreSQL), the group is rolled back and run again without
     * it: failures are rare, round trips are not.
     */
    @Override
    public <T> T writeGrouped(Work<T> work) {
        Grouped<T> mine = new Grouped<>(work);
        groupQueue.add(mine);
        while (!mine.done) {
            groupLeader.lock();
            try {
                if (!mine.done) {
                    runGroup();
                }
            } finally {
                groupLeader.unlock();
            }
        }
        return mine.outcome();
    }

    private void runGroup() {
        List<Grouped<?>> group = new ArrayList<>();
        for (Grouped<?> g; group.size() < MAX_GROUP && (g = groupQueue.poll()) != null; ) {
            group.add(g);
        }
        while (!group.isEmpty()) {
            Grouped<?>[] running = new Grouped<?>[1];
            try {
                write(tx -> {
                    for (Grouped<?> g : group) {
                        running[0] = g;
                        g.runIn(tx);
                    }
                    running[0] = null;
                    return null;
                });
                for (Grouped<?> g : group) {
                    g.committed();
                }
                return;
            } catch (RuntimeException e) {
                Grouped<?> culprit = running[0];
                SQLException sql = sqlCause(e);
                if (culprit == null || group.size() == 1 || (sql != null && dialect.isTransient(sql))) {
                    // The commit failed, or conflicts outlasted the retries: nobody's work is stored.
                    for (Grouped<?> g : group) {
                        g.failed(e);
                    }
                    return;
                }
                culprit.failed(e);
                group.remove(culprit);
            }
        }
    }

    /** A queued unit of work and, once its group has committed (or failed), its outcome. */
    private static final class Grouped<T> {
        private final Work<T> work;
        private T value;
        private RuntimeException error;
        private volatile boolean done;

        Grouped(Work<T> work) {
            this.work = work;
        }

        /** Runs the work (again, on a retry of the whole group). */
        void runIn(IndexTransaction tx) {
            value = work.run(tx);
        }

        void committed() {
            done = true;
        }

        void failed(RuntimeException e) {
            error = e;
            value = null;
            done = true;
        }

        T outcome() {
            if (error != null) {
                throw error;
            }
            return value;
        }
    }

    private static void rollbackQuietly(ConnectionSource.Lease lease) {
        try {
            lease.rollback();
        } catch (SQLException ignored) {
            // The connection is given back anyway; a broken one fails its next unit of work.
        }
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * Math.min(attempt, 10) + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexException("interrupted while retrying a transaction", e);
        }
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            LOG.warn("closing the {} index: {}", dialect.name(), e.toString());
        }
    }
}
