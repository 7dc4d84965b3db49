package io.isengard.server.index.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prepared statements of one connection, kept for reuse: SQLite's JDBC
 * driver compiles the SQL anew for every prepareStatement, which costs more
 * than running the small statements of the index. A statement in use is out
 * of the cache, so a nested use of the same SQL gets a statement of its own.
 * Not thread-safe: a connection serves one unit of work at a time.
 */
final class StatementCache implements AutoCloseable {
    /** Distinct SQL texts kept; IN lists of many sizes would otherwise grow it without end. */
    static final int CAPACITY = 256;

    private final Connection connection;
    private final LinkedHashMap<String, PreparedStatement> idle = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= CAPACITY) {
                return false;
            }
            closeQuietly(eldest.getValue());
            return true;
        }
    };

    StatementCache(Connection connection) {
        this.connection = connection;
    }

    PreparedStatement acquire(String sql) throws SQLException {
        PreparedStatement ps = idle.remove(sql);
        return ps != null ? ps : connection.prepareStatement(sql);
    }

    /** Gives a statement back once its result set is closed. */
    void release(String sql, PreparedStatement ps) {
        PreparedStatement other = idle.put(sql, ps);
        if (other != null && other != ps) {
            closeQuietly(other);
        }
    }

    /** Drops a statement that failed: its state is unknown. */
    void discard(PreparedStatement ps) {
        closeQuietly(ps);
    }

    @Override
    public void close() {
        for (Iterator<PreparedStatement> it = idle.values().iterator(); it.hasNext(); ) {
            closeQuietly(it.next());
            it.remove();
        }
    }

    private static void closeQuietly(PreparedStatement ps) {
        try {
            ps.close();
        } catch (SQLException ignored) {
            // closing a statement of a connection that is going away
        }
    }
}
