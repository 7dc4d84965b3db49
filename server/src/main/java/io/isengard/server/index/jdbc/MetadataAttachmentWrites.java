package io.isengard.server.index.jdbc;

import io.isengard.server.index.StoredMetadata;
import io.isengard.server.model.FileInfo;

/** The SQL of metadata and attachment writes with revisions (resources.md §14). */
final class MetadataAttachmentWrites {
    private final Sql sql;
    private final JdbcIndexTransaction tx;

    MetadataAttachmentWrites(Sql sql, JdbcIndexTransaction tx) {
        this.sql = sql;
        this.tx = tx;
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
