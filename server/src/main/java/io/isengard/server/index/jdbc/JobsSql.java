package io.isengard.server.index.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The saved jobs registry (SaveJobs, docs/jobs.md): the SQL behind the jobs primitives of the index. */
final class JobsSql {
    private final Sql sql;

    JobsSql(Sql sql) {
        this.sql = sql;
    }

    Map<String, String> savedJobs(String server) {
        Map<String, String> out = new TreeMap<>();
        sql.query("SELECT id, serialized FROM jobs WHERE server_identifier = ?",
                rs -> out.put(rs.getString(1), rs.getString(2)), server);
        return out;
    }

    void saveJobs(String server, Map<String, String> jobs) {
        List<Object[]> rows = new ArrayList<>(jobs.size());
        jobs.forEach((id, serialized) -> rows.add(new Object[] {server, id, serialized}));
        sql.batch("INSERT INTO jobs (server_identifier, id, serialized) VALUES (?, ?, ?)"
                + " ON CONFLICT (server_identifier, id) DO UPDATE SET serialized = excluded.serialized", rows);
    }

    void deleteSavedJobs(String server, Collection<String> ids) {
        List<Object[]> rows = new ArrayList<>(ids.size());
        ids.forEach(id -> rows.add(new Object[] {server, id}));
        sql.batch("DELETE FROM jobs WHERE server_identifier = ? AND id = ?", rows);
    }
}
