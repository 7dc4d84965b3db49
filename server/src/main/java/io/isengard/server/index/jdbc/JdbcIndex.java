package io.isengard.server.index.jdbc;

import io.isengard.server.index.Index;
import io.isengard.server.index.IndexException;
import io.isengard.server.index.IndexTransaction;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Lock;
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
    /** Runs the groups of {@link #writeGrouped}: see there why on a platform thread. */
    private final ExecutorService groupRunner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "index-writer");
        t.setDaemon(true);
        return t;
    });
    /** PostgreSQL: the IDs that grouped writes give new resources (null on SQLite, which needs no round trip). */
    private final ResourceIds resourceIds;
    /** SQLite: main DICOM tags read lately (null on PostgreSQL, where other servers write too). */
    private final MainDicomTagsCache mainTagsCache;

    JdbcIndex(ConnectionSource readers, ConnectionSource writers, Lock writeLock, SqlDialect dialect,
            AutoCloseable resources) {
        this.readers = readers;
        this.writers = writers;
        this.writeLock = writeLock;
        this.dialect = dialect;
        this.resources = resources;
        this.resourceIds = dialect == SqlDialect.POSTGRESQL ? new ResourceIds() : null;
        this.mainTagsCache = dialect == SqlDialect.SQLITE ? new MainDicomTagsCache(MainDicomTagsCache.CAPACITY) : null;
    }

    @Override
    public String backendName() {
        return dialect.name();
    }

    /** How many times a write was rolled back on a transient conflict and run again, since opening. */
    public long retriedTransactions() {
        return retries.sum();
    }

    private JdbcIndexTransaction transaction(ConnectionSource.Lease lease) {
        return new JdbcIndexTransaction(lease.connection(), lease.statements(), dialect);
    }

    @Override
    public <T> T read(Work<T> work) {
        try (ConnectionSource.Lease lease = readers.lease()) {
            // Before the transaction's snapshot: see MainDicomTagsCache.
            long generation = mainTagsCache == null ? 0 : mainTagsCache.generation();
            lease.begin(false);
            try {
                JdbcIndexTransaction tx = transaction(lease);
                if (mainTagsCache != null) {
                    tx.readMainTagsThrough(mainTagsCache, generation);
                }
                T result = work.run(tx);
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
        return write(work, false);
    }

    /** {@code holdInserts}: on PostgreSQL, inserts are held back and sent together ({@link PendingInserts}). */
    private <T> T write(Work<T> work, boolean holdInserts) {
        for (int attempt = 1; ; attempt++) {
            if (writeLock != null) {
                writeLock.lock();
            }
            try (ConnectionSource.Lease lease = writers.lease()) {
                lease.begin(true);
                try {
                    JdbcIndexTransaction tx = holdInserts && resourceIds != null
                            ? new JdbcIndexTransaction(lease.connection(), lease.statements(), dialect, resourceIds)
                            : transaction(lease);
                    T result = work.run(tx);
                    tx.flush();
                    lease.commit();
                    if (mainTagsCache != null && !tx.mainTagsChanged().isEmpty()) {
                        mainTagsCache.changed(tx.mainTagsChanged());
                    }
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
     * Group commit: the caller queues its work and waits; one thread runs
     * everything queued so far in one transaction. Under load the commits,
     * their WAL writes and the waits for the write lock are shared. That
     * thread is a platform thread: on PostgreSQL each statement is a round
     * trip, and a virtual thread waiting on a socket parks and is woken through
     * the JDK's poller and scheduled again, several context switches per round
     * trip where a platform thread's read just blocks (ingest on PostgreSQL:
     * about 1.4× the instances per second).
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
        groupRunner.execute(this::runGroups);
        mine.awaitOutcome();
        return mine.outcome();
    }

    private void runGroups() {
        while (!groupQueue.isEmpty()) {
            List<Grouped<?>> group = new ArrayList<>();
            for (Grouped<?> g; group.size() < MAX_GROUP && (g = groupQueue.poll()) != null; ) {
                group.add(g);
            }
            try {
                runGroup(group);
            } catch (Error e) {
                // The callers wait for an outcome: they get this one rather than waiting forever.
                IndexException failure = new IndexException("a grouped write failed: " + e, e);
                group.forEach(g -> g.failed(failure));
                throw e;
            }
        }
    }

    private void runGroup(List<Grouped<?>> group) {
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
                }, true);
                for (Grouped<?> g : group) {
                    g.committed();
                }
                return;
            } catch (RuntimeException e) {
                Grouped<?> culprit = running[0];
                SQLException sql = sqlCause(e);
                if (group.size() > 1 && e instanceof Sql.HeldBackRowsFailed) {
                    // Whose rows failed is not known: each work runs again alone.
                    for (Grouped<?> g : group) {
                        runGroup(new ArrayList<>(List.of(g)));
                    }
                    return;
                }
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
        private final CountDownLatch finished = new CountDownLatch(1);
        private T value;
        private RuntimeException error;

        Grouped(Work<T> work) {
            this.work = work;
        }

        /** Runs the work (again, on a retry of the whole group). */
        void runIn(IndexTransaction tx) {
            value = work.run(tx);
        }

        void committed() {
            finished.countDown();
        }

        void failed(RuntimeException e) {
            if (finished.getCount() == 0) {
                return; // its outcome is given already
            }
            error = e;
            value = null;
            finished.countDown();
        }

        /**
         * Waits for the group's commit or failure (the latch also publishes value and error
         * to the caller). Not interruptible: the work may commit anyway, and its caller must
         * then know it (an ingest puts the instance's file in place only after the commit).
         */
        void awaitOutcome() {
            boolean interrupted = false;
            while (true) {
                try {
                    finished.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
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
        groupRunner.shutdown();
        try {
            resources.close();
        } catch (Exception e) {
            LOG.warn("closing the {} index: {}", dialect.name(), e.toString());
        }
    }
}
