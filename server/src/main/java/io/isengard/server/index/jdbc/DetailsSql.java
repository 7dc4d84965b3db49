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

    /** Null unless this is a read-only transaction of an index that caches main tags. */
    private MainDicomTagsCache cache;
    private long cacheGeneration;

    DetailsSql(Sql sql, SqlDialect dialect) {
        this.sql = sql;
        this.dialect = dialect;
    }

    void readMainTagsThrough(MainDicomTagsCache cache, long generation) {
        this.cache = cache;
        this.cacheGeneration = generation;
    }

    /** {@code metadataTypes}: the types of metadata to read, null for all. */
    List<ResourceDetails> details(List<ResourceRef> refs, List<Integer> metadataTypes) {
        if (refs.isEmpty()) {
            return List.of();
        }
        List<Long> ids = refs.stream().map(ResourceRef::internalId).toList();
        Map<Long, Map<Integer, String>> tags = mainDicomTags(ids);
        Related related = new Related();
        for (int from = 0; from < ids.size(); from += Sql.BATCH) {
            related.read(ids.subList(from, Math.min(ids.size(), from + Sql.BATCH)), metadataTypes);
        }
        // Sorted here rather than by an ORDER BY, which sorts all the rows at once in a temporary
        // B-tree. Public IDs are ASCII and labels too (Orthanc allows letters, digits, '_' and
        // '-'), so Java's order is the database's byte order (Orthanc's std::set<std::string>).
        related.children.values().forEach(Collections::sort);
        related.labels.values().forEach(Collections::sort);
        Set<Long> protectedPatients = protectedPatients(idsOfLevel(refs, ResourceType.PATIENT));
        Map<Long, FileInfo> dicom = dicomFiles(idsOfLevel(refs, ResourceType.INSTANCE));
        Map<Long, List<String>> indices = indicesInSeries(idsOfLevel(refs, ResourceType.SERIES));
        List<ResourceDetails> out = new ArrayList<>(refs.size());
        for (ResourceRef r : refs) {
            long id = r.internalId();
            out.add(new ResourceDetails(r, related.parents.get(id), tags.getOrDefault(id, Map.of()),
                    related.metadata.getOrDefault(id, Map.of()), related.children.getOrDefault(id, List.of()),
                    related.labels.getOrDefault(id, List.of()), dicom.get(id), protectedPatients.contains(id),
                    indices.getOrDefault(id, List.of())));
        }
        return out;
    }

    private Map<Long, Map<Integer, String>> mainDicomTags(List<Long> ids) {
        Map<Long, Map<Integer, String>> tags = new HashMap<>();
        List<Long> toRead = ids;
        if (cache != null) {
            toRead = new ArrayList<>();
            for (Long id : ids) {
                Map<Integer, String> cached = cache.get(id);
                if (cached != null) {
                    tags.put(id, cached);
                } else {
                    toRead.add(id);
                }
            }
            if (toRead.isEmpty()) {
                return tags;
            }
        }
        Map<Long, Map<Integer, String>> read = new HashMap<>();
        sql.queryIn("SELECT internal_id, tag, value FROM main_dicom_tags WHERE internal_id IN IN_LIST", toRead, rs -> {
            read.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getInt(2), dialect.text(rs, 3));
            return null;
        });
        if (cache != null) {
            // A resource without main tags is cached too, as an empty map (an instance of a bare file).
            toRead.forEach(id -> read.putIfAbsent(id, Map.of()));
            read.replaceAll((id, m) -> Collections.unmodifiableMap(m)); // shared from now on
            cache.keep(cacheGeneration, read);
        }
        tags.putAll(read);
        return tags;
    }

    /**
     * A resource's metadata, children's IDs, labels and parent's ID, read for a batch of
     * resources in one statement (four parts over the same IDs, told apart by the first
     * column): one execution, one round trip on PostgreSQL, instead of four.
     */
    private final class Related {
        final Map<Long, Map<Integer, String>> metadata = new HashMap<>();
        final Map<Long, List<String>> children = new HashMap<>();
        final Map<Long, List<String>> labels = new HashMap<>();
        final Map<Long, String> parents = new HashMap<>();

        /** {@code types}: the types of metadata to read, null for all. */
        void read(List<Long> ids, List<Integer> types) {
            // The types are written into the statement: the same few for every request.
            String ofTypes = types == null ? "" : types.isEmpty() ? " AND 0 = 1" : " AND m.type IN ("
                    + types.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
            String in = " IN (SELECT id FROM ids)";
            String statement = "WITH ids (id) AS (VALUES " + "(?), ".repeat(ids.size() - 1) + "(?))"
                    + " SELECT 1, m.internal_id, m.type, m.value FROM metadata m WHERE m.internal_id" + in + ofTypes
                    + " UNION ALL SELECT 2, c.parent_id, 0, c.public_id FROM resources c WHERE c.parent_id" + in
                    + " UNION ALL SELECT 3, l.internal_id, 0, l.label FROM labels l WHERE l.internal_id" + in
                    + " UNION ALL SELECT 4, r.internal_id, 0, p.public_id FROM resources r"
                    + " JOIN resources p ON p.internal_id = r.parent_id WHERE r.internal_id" + in;
            sql.query(statement, rs -> {
                long id = rs.getLong(2);
                String value = dialect.text(rs, 4);
                switch (rs.getInt(1)) {
                    case 1 -> metadata.computeIfAbsent(id, k -> new TreeMap<>()).put(rs.getInt(3), value);
                    case 2 -> children.computeIfAbsent(id, k -> new ArrayList<>()).add(value);
                    case 3 -> labels.computeIfAbsent(id, k -> new ArrayList<>()).add(value);
                    default -> parents.put(id, value);
                }
                return null;
            }, ids.toArray());
        }
    }

    /** Only patients are protected (from recycling). */
    private Set<Long> protectedPatients(List<Long> patients) {
        return new HashSet<>(sql.queryIn("SELECT internal_id FROM resources WHERE is_protected <> 0"
                + " AND internal_id IN IN_LIST", patients, rs -> rs.getLong(1)));
    }

    private Map<Long, FileInfo> dicomFiles(List<Long> instances) {
        Map<Long, FileInfo> dicom = new HashMap<>();
        sql.queryIn("SELECT internal_id, " + JdbcIndexTransaction.FILE_COLUMNS + " FROM attached_files"
                + " WHERE file_type = ? AND internal_id IN IN_LIST", instances, rs -> {
                    dicom.put(rs.getLong(1), JdbcIndexTransaction.file(rs, 2));
                    return null;
                }, ContentType.Dicom.code());
        return dicom;
    }

    /** The IndexInSeries of the series' instances (null where absent), for the series' status. */
    private Map<Long, List<String>> indicesInSeries(List<Long> series) {
        Map<Long, List<String>> indices = new HashMap<>();
        sql.queryIn("SELECT r.parent_id, m.value FROM resources r LEFT JOIN metadata m ON m.internal_id = r.internal_id"
                + " AND m.type = ? WHERE r.parent_id IN IN_LIST", series, rs -> {
                    indices.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(dialect.text(rs, 2));
                    return null;
                }, MetadataType.IndexInSeries.code());
        return indices;
    }

    private static List<Long> idsOfLevel(List<ResourceRef> refs, ResourceType level) {
        return refs.stream().filter(r -> r.type() == level).map(ResourceRef::internalId).toList();
    }
}
