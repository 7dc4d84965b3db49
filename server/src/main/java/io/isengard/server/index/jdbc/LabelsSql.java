package io.isengard.server.index.jdbc;

import java.util.List;

/** Labels of resources (resources.md §12): the SQL behind the label primitives of the index. */
final class LabelsSql {
    private final Sql sql;

    LabelsSql(Sql sql) {
        this.sql = sql;
    }

    List<String> labels(long internalId) {
        return sql.query("SELECT label FROM labels WHERE internal_id = ? ORDER BY label", rs -> rs.getString(1),
                internalId);
    }

    void addLabel(long internalId, String label) {
        sql.update("INSERT INTO labels (internal_id, label) VALUES (?, ?) ON CONFLICT (internal_id, label) DO NOTHING",
                internalId, label);
    }

    void removeLabel(long internalId, String label) {
        sql.update("DELETE FROM labels WHERE internal_id = ? AND label = ?", internalId, label);
    }

    List<String> allLabels() {
        return sql.query("SELECT DISTINCT label FROM labels ORDER BY label", rs -> rs.getString(1));
    }
}
