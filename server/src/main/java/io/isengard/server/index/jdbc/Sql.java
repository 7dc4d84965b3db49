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

    Sql(Connection c) {
        this.c = c;
    }

    Connection connection() {
        return c;
    }

    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    PreparedStatement prepare(String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }

    int update(String sql, Object... params) {
        try (PreparedStatement ps = prepare(sql, params)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw fail(sql, e);
        }
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        try (PreparedStatement ps = prepare(sql, params); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
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
    <T> List<T> queryIn(String sqlWithIn, Collection<Long> ids, RowMapper<T> mapper, Object... leading) {
        List<T> out = new ArrayList<>();
        List<Long> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Long> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            String sql = sqlWithIn.replace("IN_LIST", "(" + "?,".repeat(batch.size() - 1) + "?)");
            Object[] params = new Object[leading.length + batch.size()];
            System.arraycopy(leading, 0, params, 0, leading.length);
            for (int i = 0; i < batch.size(); i++) {
                params[leading.length + i] = batch.get(i);
            }
            out.addAll(query(sql, mapper, params));
        }
        return out;
    }

    /** Executes one statement for each parameter row, as a JDBC batch. */
    void batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    ps.setObject(i + 1, row[i]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw fail(sql, e);
        }
    }

    static IndexException fail(String sql, SQLException e) {
        return new IndexException("SQL failed (" + e.getMessage() + "): " + sql, e);
    }
}
