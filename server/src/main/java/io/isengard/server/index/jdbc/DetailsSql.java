package io.isengard.server.index.jdbc;

import io.isengard.server.index.ResourceDetails;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.ContentType;
import io.isengard.server.model.FileInfo;
import io.isengard.server.model.MetadataType;
import io.isengard.server.model.ResourceType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

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

    /** {@code metadataTypes}: the types of metadata to read, null for all. */
    List<ResourceDetails> details(List<ResourceRef> refs, List<Integer> metadataTypes) {
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
        // The types are written into the statement: the same few for every request.
        String types = metadataTypes == null ? "" : metadataTypes.isEmpty() ? " AND 0 = 1" : " AND type IN ("
                + metadataTypes.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
        sql.queryIn("SELECT internal_id, type, value FROM metadata WHERE internal_id IN IN_LIST" + types, ids, rs -> {
            metadata.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getInt(2), dialect.text(rs, 3));
            return null;
        });
        Map<Long, List<String>> children = new HashMap<>();
        sql.queryIn("SELECT parent_id, public_id FROM resources WHERE parent_id IN IN_LIST", ids, rs -> {
            children.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(dialect.text(rs, 2));
            return null;
        });
        // Sorted here rather than by an ORDER BY, which sorts all the rows at once in a temporary
        // B-tree; public IDs are ASCII, so Java's order is the database's byte order.
        children.values().forEach(Collections::sort);
        Map<Long, List<String>> labels = new HashMap<>();
        sql.queryIn("SELECT internal_id, label FROM labels WHERE internal_id IN IN_LIST ORDER BY label", ids, rs -> {
            labels.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(dialect.text(rs, 2));
            return null;
        });
        // The parents' IDs from the parents' rows (several resources often share one), and the
        // protection from the patients' own rows: only patients are protected.
        List<Long> parentIds = refs.stream().map(ResourceRef::parentId).filter(id -> id != 0).distinct().toList();
        Map<Long, String> parents = new HashMap<>();
        sql.queryIn("SELECT internal_id, public_id FROM resources WHERE internal_id IN IN_LIST", parentIds, rs -> {
            parents.put(rs.getLong(1), dialect.text(rs, 2));
            return null;
        });
        Set<Long> protectedPatients = new HashSet<>(sql.queryIn("SELECT internal_id FROM resources"
                + " WHERE is_protected <> 0 AND internal_id IN IN_LIST", idsOfLevel(refs, ResourceType.PATIENT),
                rs -> rs.getLong(1)));
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
            out.add(new ResourceDetails(r, parents.get(r.parentId()), tags.getOrDefault(id, Map.of()),
                    metadata.getOrDefault(id, Map.of()), children.getOrDefault(id, List.of()),
                    labels.getOrDefault(id, List.of()), dicom.get(id), protectedPatients.contains(id),
                    indices.getOrDefault(id, List.of())));
        }
        return out;
    }

    private static List<Long> idsOfLevel(List<ResourceRef> refs, ResourceType level) {
        return refs.stream().filter(r -> r.type() == level).map(ResourceRef::internalId).toList();
    }
}
