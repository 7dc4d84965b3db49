package io.isengard.server.index.jdbc;

import io.isengard.server.index.ResourceRef;
import java.util.Collection;
import java.util.List;

/** Bulk tools on the index: lookups of many IDs, what reconstruction and /tools/invalidate-tags change. */
final class MaintenanceSql {
    private final Sql sql;

    MaintenanceSql(Sql sql) {
        this.sql = sql;
    }

    List<ResourceRef> lookupAll(Collection<String> publicIds) {
        return sql.queryIn("SELECT " + JdbcIndexTransaction.RESOURCE_COLUMNS + " FROM resources WHERE public_id IN IN_LIST",
                publicIds, JdbcIndexTransaction::ref);
    }

    void clearMainDicomTags(Collection<Long> internalIds) {
        List<Object[]> rows = internalIds.stream().map(id -> new Object[] {id}).toList();
        sql.batch("DELETE FROM main_dicom_tags WHERE internal_id = ?", rows);
        sql.batch("DELETE FROM dicom_identifiers WHERE internal_id = ?", rows);
    }

    int deleteAttachments(int contentType) {
        return sql.update("DELETE FROM attached_files WHERE file_type = ?", contentType);
    }
}
