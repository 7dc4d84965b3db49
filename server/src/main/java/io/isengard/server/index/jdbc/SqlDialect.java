package io.isengard.server.index.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What differs between the SQL of SQLite and PostgreSQL (little: both speak RETURNING, ON CONFLICT, WITH RECURSIVE). */
interface SqlDialect {
    String name();

    /** Query answering the highest change Seq ever allocated (one row, one column). */
    String lastChangeSeqQuery();

    /** True if the failure is transient and the unit of work should be retried. */
    boolean isTransient(SQLException e);

    /** Suffix of a SELECT that locks the rows it reads until the transaction ends ("" where writers are serialised). */
    String lockRowsForUpdate();

    /** A text column of the current row (null for NULL), read the cheapest way the driver allows. */
    default String text(ResultSet rs, int column) throws SQLException {
        return rs.getString(column);
    }

    SqlDialect SQLITE = new SqlDialect() {
        @Override
        public String name() {
            return "SQLite";
        }

        @Override
        public String lastChangeSeqQuery() {
            return "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'changes'), 0)";
        }

        @Override
        public boolean isTransient(SQLException e) {
            // SQLITE_BUSY (5) and SQLITE_LOCKED (6), with extended codes in the low byte.
            int code = e.getErrorCode() & 0xFF;
            return code == 5 || code == 6;
        }

        @Override
        public String lockRowsForUpdate() {
            return ""; // one writer at a time
        }

        @Override
        public String text(ResultSet rs, int column) throws SQLException {
            // The driver's getString has native code call back into Java to wrap the value in a
            // ByteBuffer, which costs several times a plain copy into a byte array; SQLite keeps
            // text as UTF-8, which getBytes returns as it is (NULL as null).
            byte[] utf8 = rs.getBytes(column);
            return utf8 == null ? null : new String(utf8, StandardCharsets.UTF_8);
        }
    };

    SqlDialect POSTGRESQL = new SqlDialect() {
        @Override
        public String name() {
            return "PostgreSQL";
        }

        @Override
        public String lastChangeSeqQuery() {
            return "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM changes_seq_seq";
        }

        @Override
        public boolean isTransient(SQLException e) {
            String state = e.getSQLState();
            // serialization_failure, deadlock_detected, unique_violation (a concurrent insert of the same
            // resource), foreign_key_violation (a child inserted under a parent that a concurrent
            // transaction deleted: the retry looks the hierarchy up again and re-creates it)
            return "40001".equals(state) || "40P01".equals(state) || "23505".equals(state)
                    || "23503".equals(state);
        }

        @Override
        public String lockRowsForUpdate() {
            return " FOR UPDATE";
        }
    };
}
