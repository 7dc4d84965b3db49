package io.isengard.server.index.jdbc;

import io.isengard.server.index.IndexException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Small JDBC helpers: statements with parameters, rows mapped, IN lists in batches. */
final class Sql {
    /** Parameters per IN list; well below both databases' limits. */
    static final int BATCH = 500;

    private final Connection c;
    private final StatementCache cache;
    /** Rows held back (a PostgreSQL ingest transaction), sent before any other statement; else null. */
    private PendingInserts pending;

    /** {@code cache} null: statements are prepared for each use and closed after it. */
    Sql(Connection c, StatementCache cache) {
        this.c = c;
        this.cache = cache;
    }

    Sql(Connection c) {
        this(c, null);
    }

    Connection connection() {
        return c;
    }

    void holdInserts(PendingInserts p) {
        this.pending = p;
    }

    /** Sends the rows held back, so that the next statement sees them. */
    void flush() {
        if (pending == null) {
            return;
        }
        pending.forgetReads();
        if (!pending.isEmpty()) {
            try {
                pending.flush();
            } catch (SQLException e) {
                throw new HeldBackRowsFailed(e);
            }
        }
    }

    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private PreparedStatement acquire(String sql) throws SQLException {
        return cache == null ? c.prepareStatement(sql) : cache.acquire(sql);
    }

    /** Gives back (or closes) a statement; {@code ok} false drops it, its state being unknown after a failure. */
    private void release(String sql, PreparedStatement ps, boolean ok) throws SQLException {
        if (cache == null) {
            ps.close();
        } else if (ok) {
            cache.release(sql, ps);
        } else {
            cache.discard(ps);
        }
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    int update(String sql, Object... params) {
        flush();
        try {
            PreparedStatement ps = acquire(sql);
            boolean ok = false;
            try {
                bind(ps, params);
                int n = ps.executeUpdate();
                ok = true;
                return n;
            } finally {
                release(sql, ps, ok);
            }
        } catch (SQLException e) {
            throw fail(sql, e);
        }
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        flush();
        return queryHeldBack(sql, mapper, params);
    }

    /** A query that does not need the rows held back: they cannot change its answer (the caller adds them). */
    <T> List<T> queryHeldBack(String sql, RowMapper<T> mapper, Object... params) {
        try {
            PreparedStatement ps = acquire(sql);
            boolean ok = false;
            try {
                bind(ps, params);
                List<T> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(mapper.map(rs));
                    }
                }
                ok = true;
                return out;
            } finally {
                release(sql, ps, ok);
            }
        } catch (SQLException e) {
            throw fail(sql, e);
        }
    }

    <T> T one(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? null : rows.get(0);
    }

    long longValue(String sql, Object... params) {
        Long v = one(sql, rs -> rs.getLong(1), params);
        return v == null ? 0 : v;
    }

    /**
     * Runs {@code sqlWithIn} (which contains one {@code (?)} placeholder list
     * marked {@code IN_LIST}) for the ids in batches, collecting all rows.
     */
    <T> List<T> queryIn(String sqlWithIn, Collection<?> ids, RowMapper<T> mapper, Object... leading) {
        flush();
        return queryInHeldBack(sqlWithIn, ids, mapper, leading);
    }

    /** {@link #queryIn} for a query that the rows held back cannot change (see {@link #queryHeldBack}). */
    <T> List<T> queryInHeldBack(String sqlWithIn, Collection<?> ids, RowMapper<T> mapper, Object... leading) {
        List<T> out = new ArrayList<>();
        List<?> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += BATCH) {
            List<?> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            String sql = sqlWithIn.replace("IN_LIST", "(" + "?,".repeat(batch.size() - 1) + "?)");
            Object[] params = new Object[leading.length + batch.size()];
            System.arraycopy(leading, 0, params, 0, leading.length);
            for (int i = 0; i < batch.size(); i++) {
                params[leading.length + i] = batch.get(i);
            }
            out.addAll(queryHeldBack(sql, mapper, params));
        }
        return out;
    }

    /** Executes one statement for each parameter row, as a JDBC batch. */
    void batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        flush();
        try {
            PreparedStatement ps = acquire(sql);
            boolean ok = false;
            try {
                for (Object[] row : rows) {
                    bind(ps, row);
                    ps.addBatch();
                }
                ps.executeBatch();
                ok = true;
            } finally {
                release(sql, ps, ok);
            }
        } catch (SQLException e) {
            throw fail(sql, e);
        }
    }

    /** Rows held back failed when sent: the statement that made them is not known any more. */
    static final class HeldBackRowsFailed extends IndexException {
        private static final long serialVersionUID = 1L;

        HeldBackRowsFailed(SQLException e) {
            // The statement is PendingInserts.SQL (about 1.5 KB): the database's message says what failed.
            super("SQL failed (" + e.getMessage() + ") while sending the inserts held back of an ingest", e);
        }
    }

    static IndexException fail(String sql, SQLException e) {
        return new IndexException("SQL failed (" + e.getMessage() + "): " + sql, e);
    }
}
