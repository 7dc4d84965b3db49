package io.isengard.server.index.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** Where a unit of work gets its connection, and how it runs a transaction on it. */
interface ConnectionSource extends AutoCloseable {

    /** Borrows a connection; closing the lease gives it back. */
    Lease lease() throws SQLException;

    @Override
    void close();

    /** A borrowed connection. */
    interface Lease extends AutoCloseable {
        Connection connection();

        /** Statements kept for reuse on this connection, or null when the driver keeps its own. */
        StatementCache statements();

        /** Starts a transaction; {@code write} takes the write lock at once where the database has one. */
        void begin(boolean write) throws SQLException;

        void commit() throws SQLException;

        void rollback() throws SQLException;

        @Override
        void close() throws SQLException;
    }
}
