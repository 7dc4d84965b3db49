package io.isengard.server.index.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of connections to one SQLite file, each with its statement
 * cache. Connections stay in auto-commit mode and transactions are plain
 * BEGIN / COMMIT statements: the driver's own transaction handling runs
 * extra "begin" and "commit" statements on every commit and when a pool
 * resets the connection.
 *
 * <p>Idle connections are reused last in, first out: a client sending one
 * request after another then gets the same connection each time, whose page
 * cache and prepared statements are still in the processor's caches, rather
 * than each connection of the pool in turn.
 */
final class SqliteSource implements ConnectionSource {
    private final String url;
    private final BlockingDeque<Pooled> idle;
    private final List<Pooled> all = new ArrayList<>();
    private final ReentrantLock opening = new ReentrantLock();
    private final int size;
    private volatile boolean closed;

    SqliteSource(String url, int size) {
        this.url = url;
        this.size = size;
        this.idle = new LinkedBlockingDeque<>(size);
    }

    @Override
    public Lease lease() throws SQLException {
        if (closed) {
            throw new SQLException("the SQLite index is closed");
        }
        Pooled p = idle.pollFirst();
        if (p == null) {
            p = openOrWait();
        }
        p.leased = true;
        return p;
    }

    private Pooled openOrWait() throws SQLException {
        opening.lock();
        try {
            if (all.size() < size) {
                Pooled p = new Pooled(DriverManager.getConnection(url));
                all.add(p);
                return p;
            }
        } finally {
            opening.unlock();
        }
        try {
            return idle.takeFirst();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for an SQLite connection", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        opening.lock();
        try {
            for (Pooled p : all) {
                p.statements.close();
                try {
                    p.connection.close();
                } catch (SQLException ignored) {
                    // closing at shutdown
                }
            }
            all.clear();
        } finally {
            opening.unlock();
        }
    }

    private final class Pooled implements Lease {
        private final Connection connection;
        private final StatementCache statements;
        private boolean leased;
        private boolean inTransaction;

        Pooled(Connection connection) {
            this.connection = connection;
            this.statements = new StatementCache(connection);
        }

        @Override
        public Connection connection() {
            return connection;
        }

        @Override
        public StatementCache statements() {
            return statements;
        }

        private void run(String sql) throws SQLException {
            PreparedStatement ps = statements.acquire(sql);
            try {
                ps.execute();
            } catch (SQLException e) {
                statements.discard(ps);
                throw e;
            }
            statements.release(sql, ps);
        }

        @Override
        public void begin(boolean write) throws SQLException {
            // IMMEDIATE takes the write lock now rather than failing with SQLITE_BUSY at the first write.
            run(write ? "BEGIN IMMEDIATE" : "BEGIN");
            inTransaction = true;
        }

        @Override
        public void commit() throws SQLException {
            run("COMMIT");
            inTransaction = false;
        }

        @Override
        public void rollback() throws SQLException {
            inTransaction = false;
            try {
                run("ROLLBACK");
            } catch (SQLException e) {
                // SQLite may have ended the transaction itself (some errors roll back on their own).
                if (e.getMessage() == null || !e.getMessage().contains("no transaction is active")) {
                    throw e;
                }
            }
        }

        @Override
        public void close() throws SQLException {
            if (!leased) {
                return;
            }
            leased = false;
            if (inTransaction) {
                rollback();
            }
            if (closed) {
                statements.close();
                connection.close();
            } else {
                idle.addFirst(this);
            }
        }
    }
}
