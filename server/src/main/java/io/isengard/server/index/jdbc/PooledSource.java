package io.isengard.server.index.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Connections from a pooling DataSource (HikariCP, for PostgreSQL): JDBC
 * transactions; no statement cache, since the PostgreSQL driver keeps
 * prepared statements per connection itself.
 */
final class PooledSource implements ConnectionSource {
    private final DataSource pool;
    private final AutoCloseable closer;

    PooledSource(DataSource pool, AutoCloseable closer) {
        this.pool = pool;
        this.closer = closer;
    }

    @Override
    public Lease lease() throws SQLException {
        Connection c = pool.getConnection();
        return new Lease() {
            @Override
            public Connection connection() {
                return c;
            }

            @Override
            public StatementCache statements() {
                return null;
            }

            @Override
            public void begin(boolean write) throws SQLException {
                c.setAutoCommit(false);
            }

            @Override
            public void commit() throws SQLException {
                c.commit();
            }

            @Override
            public void rollback() throws SQLException {
                c.rollback();
            }

            @Override
            public void close() throws SQLException {
                c.close(); // the pool restores auto-commit
            }
        };
    }

    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the connection pool: " + e, e);
        }
    }
}
