package io.isengard.server.index.jdbc;

import io.isengard.server.index.StoredMetadata;
import io.isengard.server.model.FileInfo;

/** The SQL of metadata and attachment writes with revisions (resources.md §14). */
final class MetadataAttachmentWrites {
    private final Sql sql;
    private final JdbcIndexTransaction tx;
    private final String lock;

    MetadataAttachmentWrites(Sql sql, SqlDialect dialect, JdbcIndexTransaction tx) {
        this.sql = sql;
        this.tx = tx;
        // NO KEY UPDATE: unlike FOR UPDATE it does not wait for the transactions that are adding children
        // under the resource (they hold KEY SHARE locks on it). SQLite has one writer at a time anyway.
        this.lock = dialect.lockRowsForUpdate().isEmpty() ? "" : " FOR NO KEY UPDATE";
    }

    boolean lockForWrites(long internalId) {
        return sql.one("SELECT 1 FROM resources WHERE internal_id = ?" + lock, rs -> 1, internalId) != null;
    }

    StoredMetadata storedMetadata(long internalId, int type) {
        return sql.one("SELECT value, revision FROM metadata WHERE internal_id = ? AND type = ?",
                rs -> new StoredMetadata(rs.getString(1), rs.getLong(2)), internalId, type);
    }

    long putMetadata(long internalId, int type, String value) {
        return sql.one("INSERT INTO metadata (internal_id, type, value, revision) VALUES (?, ?, ?, 0)"
                + " ON CONFLICT (internal_id, type) DO UPDATE SET value = excluded.value,"
                + " revision = metadata.revision + 1 RETURNING revision", rs -> rs.getLong(1), internalId, type, value);
    }

    /** Delete then insert: the deletion trigger queues the replaced file, as for any deleted attachment. */
    void replaceAttachment(long internalId, FileInfo file) {
        tx.deleteAttachment(internalId, file.contentType());
        tx.addAttachment(internalId, file);
    }
}
