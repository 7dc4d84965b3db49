package io.isengard.server.index.jdbc;

import io.isengard.server.index.ResourceDetails;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.ContentType;
import io.isengard.server.model.FileInfo;
import io.isengard.server.model.MetadataType;
import io.isengard.server.model.ResourceType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the JSON of resources needs ({@link ResourceDetails}), loaded set-wise:
 * one query per table for the whole list (expanded find answers and
 * listings read dozens of resources at once), not one per resource.
 */
final class DetailsSql {
    private final Sql sql;
    private final SqlDialect dialect;

    DetailsSql(Sql sql, SqlDialect dialect) {
        this.sql = sql;
        this.dialect = dialect;
    }

    List<ResourceDetails> details(List<ResourceRef> refs) {
        if (refs.isEmpty()) {
            return List.of();
        }
        List<Long> ids = refs.stream().map(ResourceRef::internalId).toList();
        Map<Long, Map<Integer, String>> tags = new HashMap<>();
        sql.queryIn("SELECT internal_id, tag, value FROM main_dicom_tags WHERE internal_id IN IN_LIST", ids, rs -> {
            tags.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getInt(2), dialect.text(rs, 3));
            return null;
        });
        Map<Long, Map<Integer, String>> metadata = new HashMap<>();
        sql.queryIn("SELECT internal_id, type, value FROM metadata WHERE internal_id IN IN_LIST", ids, rs -> {
            metadata.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getInt(2), dialect.text(rs, 3));
            return null;
        });
        Map<Long, List<String>> children = new HashMap<>();
        sql.queryIn("SELECT parent_id, public_id FROM resources WHERE parent_id IN IN_LIST ORDER BY public_id", ids,
                rs -> {
                    children.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(dialect.text(rs, 2));
                    return null;
                });
        Map<Long, List<String>> labels = new HashMap<>();
        sql.queryIn("SELECT internal_id, label FROM labels WHERE internal_id IN IN_LIST ORDER BY label", ids, rs -> {
            labels.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(dialect.text(rs, 2));
            return null;
        });
        Map<Long, String> parents = new HashMap<>();
        Map<Long, Boolean> protectedFlags = new HashMap<>();
        sql.queryIn("SELECT r.internal_id, p.public_id, r.is_protected FROM resources r"
                + " LEFT JOIN resources p ON p.internal_id = r.parent_id WHERE r.internal_id IN IN_LIST", ids, rs -> {
                    parents.put(rs.getLong(1), dialect.text(rs, 2));
                    protectedFlags.put(rs.getLong(1), rs.getInt(3) != 0);
                    return null;
                });
        Map<Long, FileInfo> dicom = new HashMap<>();
        List<Long> instances = idsOfLevel(refs, ResourceType.INSTANCE);
        if (!instances.isEmpty()) {
            sql.queryIn("SELECT internal_id, " + JdbcIndexTransaction.FILE_COLUMNS + " FROM attached_files"
                    + " WHERE file_type = ? AND internal_id IN IN_LIST", instances, rs -> {
                        dicom.put(rs.getLong(1), JdbcIndexTransaction.file(rs, 2));
                        return null;
                    }, ContentType.Dicom.code());
        }
        Map<Long, List<String>> indices = new HashMap<>();
        List<Long> series = idsOfLevel(refs, ResourceType.SERIES);
        if (!series.isEmpty()) {
            sql.queryIn("SELECT r.parent_id, m.value FROM resources r LEFT JOIN metadata m"
                    + " ON m.internal_id = r.internal_id AND m.type = ? WHERE r.parent_id IN IN_LIST", series, rs -> {
                        indices.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(dialect.text(rs, 2));
                        return null;
                    }, MetadataType.IndexInSeries.code());
        }
        List<ResourceDetails> out = new ArrayList<>(refs.size());
        for (ResourceRef r : refs) {
            long id = r.internalId();
            out.add(new ResourceDetails(r, parents.get(id), tags.getOrDefault(id, Map.of()),
                    metadata.getOrDefault(id, Map.of()), children.getOrDefault(id, List.of()),
                    labels.getOrDefault(id, List.of()), dicom.get(id), protectedFlags.getOrDefault(id, false),
                    indices.getOrDefault(id, List.of())));
        }
        return out;
    }

    private static List<Long> idsOfLevel(List<ResourceRef> refs, ResourceType level) {
        return refs.stream().filter(r -> r.type() == level).map(ResourceRef::internalId).toList();
    }
}
