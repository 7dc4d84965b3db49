package io.isengard.server.index.jdbc;

import io.isengard.server.index.Change;
import io.isengard.server.index.CaseFolding;
import io.isengard.server.index.ChangeQuery;
import io.isengard.server.index.ExportedResource;
import io.isengard.server.index.FindQuery;
import io.isengard.server.index.GlobalStatistics;
import io.isengard.server.index.IndexTransaction;
import io.isengard.server.index.ResourceDetails;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.index.ResourceStatistics;
import io.isengard.server.index.StoredMetadata;
import io.isengard.server.model.ChangeType;
import io.isengard.server.model.FileInfo;
import io.isengard.server.model.ResourceType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** {@link IndexTransaction} in SQL common to SQLite and PostgreSQL. */
final class JdbcIndexTransaction implements IndexTransaction {
    static final String RESOURCE_COLUMNS = "internal_id, resource_type, public_id, parent_id";

    private final Sql sql;
    private final SqlDialect dialect;
    private final MetadataAttachmentWrites writes;
    private final FindSql find;
    private final DetailsSql details;
    private final LabelsSql labels;
    private final RecyclingSql recycling;
    private final MaintenanceSql maintenance;
    private final JobsSql jobs;
    /** Inserts held back and sent together (PostgreSQL ingest); null: each statement is sent at once. */
    private final PendingInserts pending;
    private final ResourceIds resourceIds;
    /** Resources created in this transaction, and the existing ones whose main tags it changed. */
    private final Set<Long> created = new HashSet<>();
    private final Set<Long> mainTagsChanged = new HashSet<>();

    JdbcIndexTransaction(Connection c, SqlDialect dialect) {
        this(c, null, dialect);
    }

    JdbcIndexTransaction(Connection c, StatementCache statements, SqlDialect dialect) {
        this(c, statements, dialect, null);
    }

    /**
     * {@code resourceIds} non-null: the inserts of new resources and of their
     * tags, metadata, attachments and changes are held back and sent in one
     * round trip before the next other statement or the commit (see {@link
     * PendingInserts}); new resources take their IDs from {@code resourceIds}.
     */
    JdbcIndexTransaction(Connection c, StatementCache statements, SqlDialect dialect, ResourceIds resourceIds) {
        this.sql = new Sql(c, statements);
        this.resourceIds = resourceIds;
        this.pending = resourceIds == null ? null : new PendingInserts(c);
        sql.holdInserts(pending);
        this.dialect = dialect;
        this.writes = new MetadataAttachmentWrites(sql, dialect, this);
        this.find = new FindSql(sql, dialect);
        this.details = new DetailsSql(sql, dialect);
        this.labels = new LabelsSql(sql);
        this.recycling = new RecyclingSql(sql, dialect);
        this.maintenance = new MaintenanceSql(sql);
        this.jobs = new JobsSql(sql);
    }

    /** A read-only transaction begun at this generation of the cache: see {@link MainDicomTagsCache}. */
    void readMainTagsThrough(MainDicomTagsCache cache, long generation) {
        details.readMainTagsThrough(cache, generation);
    }

    /** The existing resources whose main tags this transaction changed (the cache forgets them at commit). */
    Set<Long> mainTagsChanged() {
        return mainTagsChanged;
    }

    /** Sends the inserts held back, if any (before a commit). */
    void flush() {
        sql.flush();
    }

    /** The transaction's connection, for tests that look at rows no primitive exposes. */
    Connection connection() {
        return sql.connection();
    }

    static ResourceRef ref(ResultSet rs) throws SQLException {
        return new ResourceRef(rs.getLong(1), ResourceType.ofCode(rs.getInt(2)), rs.getString(3), rs.getLong(4));
    }

    // ------------------------------------------------------------ resources

    @Override
    public ResourceRef lookup(String publicId) {
        return sql.one("SELECT " + RESOURCE_COLUMNS + " FROM resources WHERE public_id = ?",
                JdbcIndexTransaction::ref, publicId);
    }

    @Override
    public ResourceRef lookup(long internalId) {
        return sql.one("SELECT " + RESOURCE_COLUMNS + " FROM resources WHERE internal_id = ?",
                JdbcIndexTransaction::ref, internalId);
    }

    @Override
    public ResourceRef createResource(ResourceType type, String publicId, long parentId) {
        if (pending != null) {
            ResourceRef r = new ResourceRef(resourceIds.next(sql), type, publicId, parentId);
            pending.resource(r);
            created.add(r.internalId());
            return r;
        }
        Long id = sql.one("INSERT INTO resources (resource_type, public_id, parent_id) VALUES (?, ?, ?)"
                + " RETURNING internal_id", rs -> rs.getLong(1), type.code(), publicId,
                parentId == 0 ? null : parentId);
        created.add(id);
        return new ResourceRef(id, type, publicId, parentId);
    }

    @Override
    public List<ResourceRef> children(long internalId) {
        return sql.query("SELECT " + RESOURCE_COLUMNS + " FROM resources WHERE parent_id = ? ORDER BY public_id",
                JdbcIndexTransaction::ref, internalId);
    }

    @Override
    public List<ResourceRef> descendants(long internalId, ResourceType level) {
        return sql.query("WITH RECURSIVE sub(id) AS (SELECT CAST(? AS BIGINT) UNION ALL"
                + " SELECT r.internal_id FROM resources r JOIN sub ON r.parent_id = sub.id)"
                + " SELECT r.internal_id, r.resource_type, r.public_id, r.parent_id FROM resources r"
                + " JOIN sub ON r.internal_id = sub.id WHERE r.resource_type = ? ORDER BY r.public_id",
                JdbcIndexTransaction::ref, internalId, level.code());
    }

    @Override
    public List<ResourceRef> list(ResourceType type, long since, long limit) {
        since = Math.max(0, since); // PostgreSQL rejects a negative OFFSET, SQLite ignores it
        String page = limit > 0 ? " LIMIT " + limit + " OFFSET " + since : (since > 0 ? " OFFSET " + since : "");
        if (limit <= 0 && since > 0 && dialect == SqlDialect.SQLITE) {
            page = " LIMIT -1 OFFSET " + since; // SQLite needs a LIMIT before OFFSET
        }
        return sql.query("SELECT " + RESOURCE_COLUMNS + " FROM resources WHERE resource_type = ? ORDER BY public_id"
                + page, JdbcIndexTransaction::ref, type.code());
    }

    @Override
    public List<ResourceDetails> details(List<ResourceRef> refs) {
        return details.details(refs, null);
    }

    @Override
    public List<ResourceDetails> details(List<ResourceRef> refs, Collection<Integer> metadataTypes) {
        return details.details(refs, List.copyOf(metadataTypes));
    }

    @Override
    public ResourceRef delete(long internalId) {
        ResourceRef target = lookup(internalId);
        if (target == null) {
            return null;
        }
        sql.update("DELETE FROM resources WHERE internal_id = ?", internalId);
        long parent = target.parentId();
        while (parent != 0) {
            // Lock the parent before looking at its children: on PostgreSQL a transaction adding a
            // child under it holds a key-share lock on it, so this waits for that transaction and then
            // sees its child, instead of deleting the parent and, by cascade, the new child with it.
            ResourceRef p = sql.one("SELECT " + RESOURCE_COLUMNS + " FROM resources WHERE internal_id = ?"
                    + dialect.lockRowsForUpdate(), JdbcIndexTransaction::ref, parent);
            if (p == null) {
                return null; // deleted by a concurrent transaction
            }
            if (sql.one("SELECT 1 FROM resources WHERE parent_id = ? LIMIT 1", rs -> 1, parent) != null) {
                return p;
            }
            sql.update("DELETE FROM resources WHERE internal_id = ?", parent);
            parent = p.parentId();
        }
        return null;
    }

    // ------------------------------------------------------------ tags, metadata, attachments

    @Override
    public void setMainDicomTags(long internalId, Map<Integer, String> tags) {
        if (!created.contains(internalId)) {
            mainTagsChanged.add(internalId);
        }
        if (pending != null) {
            tags.forEach((k, v) -> pending.mainDicomTag(internalId, k, v, CaseFolding.upper(v)));
            return;
        }
        List<Object[]> rows = new ArrayList<>(tags.size());
        tags.forEach((k, v) -> rows.add(new Object[] {internalId, k, v, CaseFolding.upper(v)}));
        sql.batch("INSERT INTO main_dicom_tags (internal_id, tag, value, value_upper) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (internal_id, tag) DO UPDATE SET value = excluded.value,"
                + " value_upper = excluded.value_upper", rows);
    }

    @Override
    public Map<Integer, String> mainDicomTags(long internalId) {
        Map<Integer, String> m = new TreeMap<>();
        sql.query("SELECT tag, value FROM main_dicom_tags WHERE internal_id = ?", rs -> m.put(rs.getInt(1),
                rs.getString(2)), internalId);
        return m;
    }

    @Override
    public void setIdentifierTags(long internalId, Map<Integer, String> normalizedValues) {
        if (pending != null) {
            normalizedValues.forEach((k, v) -> pending.identifier(internalId, k, v));
            return;
        }
        sql.batch("INSERT INTO dicom_identifiers (internal_id, tag, value) VALUES (?, ?, ?)"
                + " ON CONFLICT (internal_id, tag) DO UPDATE SET value = excluded.value",
                rows(internalId, normalizedValues));
    }

    private static List<Object[]> rows(long internalId, Map<Integer, String> values) {
        List<Object[]> rows = new ArrayList<>(values.size());
        values.forEach((k, v) -> rows.add(new Object[] {internalId, k, v}));
        return rows;
    }

    private static final String UPSERT_METADATA = "INSERT INTO metadata (internal_id, type, value, revision)"
            + " VALUES (?, ?, ?, 0) ON CONFLICT (internal_id, type)"
            + " DO UPDATE SET value = excluded.value, revision = metadata.revision + 1";

    @Override
    public void setMetadata(long internalId, Map<Integer, String> values) {
        if (pending != null) {
            values.forEach((k, v) -> pending.metadata(internalId, k, v));
            return;
        }
        sql.batch(UPSERT_METADATA, rows(internalId, values));
    }

    @Override
    public void setMetadata(Collection<Long> internalIds, int type, String value) {
        if (pending != null) {
            internalIds.forEach(id -> pending.metadata(id, type, value));
            return;
        }
        sql.batch(UPSERT_METADATA, internalIds.stream().map(id -> new Object[] {id, type, value}).toList());
    }

    @Override
    public Map<Integer, String> metadata(long internalId) {
        Map<Integer, String> m = new TreeMap<>();
        if (pending != null) {
            // What the database has (read along with the resource, if no other statement ran
            // since), then the upserts held back over it.
            Map<Integer, String> read = pending.metadataRead(internalId);
            if (read != null) {
                m.putAll(read);
            } else {
                sql.queryHeldBack("SELECT type, value FROM metadata WHERE internal_id = ?",
                        rs -> m.put(rs.getInt(1), rs.getString(2)), internalId);
            }
            m.putAll(pending.metadata(internalId));
            return m;
        }
        sql.query("SELECT type, value FROM metadata WHERE internal_id = ?",
                rs -> m.put(rs.getInt(1), rs.getString(2)), internalId);
        return m;
    }

    @Override
    public List<String> childrenMetadata(long internalId, int type) {
        return sql.query("SELECT m.value FROM resources r LEFT JOIN metadata m ON m.internal_id = r.internal_id"
                + " AND m.type = ? WHERE r.parent_id = ?", rs -> rs.getString(1), type, internalId);
    }

    private static final String SUBTREE = "WITH RECURSIVE sub(id, type) AS (SELECT CAST(? AS BIGINT),"
            + " CAST(0 AS INTEGER) UNION ALL SELECT x.internal_id, x.resource_type FROM resources x"
            + " JOIN sub ON x.parent_id = sub.id) ";

    @Override
    public List<String> descendantMetadata(long internalId, ResourceType level, int type) {
        return sql.query(SUBTREE + "SELECT m.value FROM sub JOIN metadata m ON m.internal_id = sub.id"
                + " WHERE sub.type = ? AND m.type = ?", rs -> rs.getString(1), internalId, level.code(), type);
    }

    @Override
    public List<String> descendantMainTag(long internalId, ResourceType level, int tag) {
        return sql.query(SUBTREE + "SELECT t.value FROM sub JOIN main_dicom_tags t ON t.internal_id = sub.id"
                + " WHERE sub.type = ? AND t.tag = ?", rs -> rs.getString(1), internalId, level.code(), tag);
    }

    @Override
    public long metadataRevision(long internalId, int type) {
        Long r = sql.one("SELECT revision FROM metadata WHERE internal_id = ? AND type = ?", rs -> rs.getLong(1),
                internalId, type);
        return r == null ? -1 : r;
    }

    @Override
    public boolean deleteMetadata(long internalId, int type) {
        return sql.update("DELETE FROM metadata WHERE internal_id = ? AND type = ?", internalId, type) > 0;
    }

    static final String FILE_COLUMNS = "uuid, file_type, uncompressed_size, uncompressed_md5,"
            + " compressed_size, compressed_md5, compression_type, revision";

    static FileInfo file(ResultSet rs, int first) throws SQLException {
        return new FileInfo(rs.getString(first), rs.getInt(first + 1), rs.getLong(first + 2),
                rs.getString(first + 3), rs.getLong(first + 4), rs.getString(first + 5), rs.getInt(first + 6),
                rs.getLong(first + 7));
    }

    @Override
    public void addAttachment(long internalId, FileInfo f) {
        if (pending != null) {
            pending.attachment(new Object[] {internalId, f.uuid(), f.contentType(), f.uncompressedSize(),
                f.uncompressedMd5(), f.compressedSize(), f.compressedMd5(), f.compressionType(), f.revision()});
            return;
        }
        sql.update("INSERT INTO attached_files (internal_id, " + FILE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                internalId, f.uuid(), f.contentType(), f.uncompressedSize(), f.uncompressedMd5(), f.compressedSize(),
                f.compressedMd5(), f.compressionType(), f.revision());
    }

    @Override
    public List<FileInfo> attachments(long internalId) {
        return sql.query("SELECT " + FILE_COLUMNS + " FROM attached_files WHERE internal_id = ? ORDER BY file_type",
                rs -> file(rs, 1), internalId);
    }

    @Override
    public FileInfo attachment(long internalId, int contentType) {
        return sql.one("SELECT " + FILE_COLUMNS + " FROM attached_files WHERE internal_id = ? AND file_type = ?",
                rs -> file(rs, 1), internalId, contentType);
    }

    @Override
    public boolean deleteAttachment(long internalId, int contentType) {
        return sql.update("DELETE FROM attached_files WHERE internal_id = ? AND file_type = ?", internalId,
                contentType) > 0;
    }

    @Override
    public List<String> deletedFiles(int limit) {
        return sql.query("SELECT uuid FROM deleted_files LIMIT " + limit, rs -> rs.getString(1));
    }

    @Override
    public void forgetDeletedFiles(Collection<String> uuids) {
        sql.batch("DELETE FROM deleted_files WHERE uuid = ?", uuids.stream().map(u -> new Object[] {u}).toList());
    }

    @Override
    public boolean attachmentExists(String uuid) {
        return sql.one("SELECT 1 FROM attached_files WHERE uuid = ?", rs -> 1, uuid) != null;
    }

    // ------------------------------------------------------------ metadata and attachment writes

    @Override
    public boolean lockForWrites(long internalId) {
        return writes.lockForWrites(internalId);
    }

    @Override
    public StoredMetadata storedMetadata(long internalId, int type) {
        return writes.storedMetadata(internalId, type);
    }

    @Override
    public long putMetadata(long internalId, int type, String value) {
        return writes.putMetadata(internalId, type, value);
    }

    @Override
    public void replaceAttachment(long internalId, FileInfo file) {
        writes.replaceAttachment(internalId, file);
    }

    // ------------------------------------------------------------ change log, exports

    @Override
    public void logChange(ChangeType type, ResourceRef r, String date) {
        if (pending != null) {
            pending.change(type.code(), r, date);
            return;
        }
        sql.update("INSERT INTO changes (change_type, internal_id, resource_type, public_id, date) VALUES (?, ?, ?, ?, ?)",
                type.code(), r.internalId(), r.type().code(), r.publicId(), date);
    }

    private static String typeFilter(Set<ChangeType> types) {
        if (types == null || types.isEmpty()) {
            return "";
        }
        return " AND change_type IN (" + types.stream().map(t -> Integer.toString(t.code()))
                .collect(Collectors.joining(",")) + ")";
    }

    @Override
    public List<Change> changes(ChangeQuery q) {
        if (q.limit() <= 0) {
            return List.of(); // PostgreSQL rejects a negative LIMIT, SQLite reads it as "no limit"
        }
        String where = " WHERE seq > ? AND seq <= ?" + typeFilter(q.types());
        String cols = "SELECT seq, change_type, resource_type, public_id, date FROM changes";
        Sql.RowMapper<Change> m = rs -> new Change(rs.getLong(1), ChangeType.ofCode(rs.getInt(2)),
                ResourceType.ofCode(rs.getInt(3)), rs.getString(4), rs.getString(5));
        if (q.fromEnd()) {
            List<Change> l = new ArrayList<>(sql.query(cols + where + " ORDER BY seq DESC LIMIT " + q.limit(), m,
                    q.since(), q.to()));
            Collections.reverse(l);
            return l;
        }
        return sql.query(cols + where + " ORDER BY seq LIMIT " + q.limit(), m, q.since(), q.to());
    }

    @Override
    public boolean hasChangesAfter(long seq, Set<ChangeType> types) {
        return sql.one("SELECT 1 FROM changes WHERE seq > ?" + typeFilter(types) + " LIMIT 1", rs -> 1, seq) != null;
    }

    @Override
    public long lastChangeSeq() {
        return sql.longValue(dialect.lastChangeSeqQuery());
    }

    @Override
    public void clearChanges() {
        sql.update("DELETE FROM changes");
    }

    @Override
    public void clearExports() {
        sql.update("DELETE FROM exported_resources");
    }

    @Override
    public void logExport(ExportedResource e) {
        sql.update("INSERT INTO exported_resources (resource_type, public_id, remote_modality, patient_id,"
                + " study_instance_uid, series_instance_uid, sop_instance_uid, date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                e.resourceType().code(), e.publicId(), e.remoteModality(), e.patientId(), e.studyInstanceUid(),
                e.seriesInstanceUid(), e.sopInstanceUid(), e.date());
    }

    @Override
    public List<ExportedResource> exports(long since, int limit, boolean last) {
        if (limit <= 0) {
            return List.of();
        }
        String cols = "SELECT seq, resource_type, public_id, remote_modality, patient_id, study_instance_uid,"
                + " series_instance_uid, sop_instance_uid, date FROM exported_resources";
        Sql.RowMapper<ExportedResource> m = rs -> new ExportedResource(rs.getLong(1),
                ResourceType.ofCode(rs.getInt(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
        if (last) {
            List<ExportedResource> l = new ArrayList<>(sql.query(cols + " ORDER BY seq DESC LIMIT " + limit, m));
            Collections.reverse(l);
            return l;
        }
        return sql.query(cols + " WHERE seq > ? ORDER BY seq LIMIT " + limit, m, since);
    }

    // ------------------------------------------------------------ labels, recycling, bulk

    @Override
    public List<String> labels(long internalId) {
        return labels.labels(internalId);
    }

    @Override
    public void addLabel(long internalId, String label) {
        labels.addLabel(internalId, label);
    }

    @Override
    public void removeLabel(long internalId, String label) {
        labels.removeLabel(internalId, label);
    }

    @Override
    public List<String> allLabels() {
        return labels.allLabels();
    }

    @Override
    public boolean isProtected(long patientId) {
        return recycling.isProtected(patientId);
    }

    @Override
    public void setProtected(long patientId, boolean isProtected) {
        recycling.setProtected(patientId, isProtected);
    }

    @Override
    public void touchPatientForRecycling(long patientId) {
        recycling.touchPatient(patientId);
    }

    @Override
    public int addMissingPatientsToRecyclingOrder() {
        return recycling.addMissingPatients();
    }

    @Override
    public long patientToRecycle(long avoid) {
        return recycling.patientToRecycle(avoid);
    }

    @Override
    public long countPatients() {
        return recycling.countPatients();
    }

    @Override
    public long totalCompressedSize() {
        return recycling.totalCompressedSize();
    }

    @Override
    public List<ResourceRef> lookupAll(Collection<String> publicIds) {
        if (pending != null) {
            // Resources held back, then the database for the others (only new resources are held back).
            List<ResourceRef> found = new ArrayList<>();
            List<String> others = new ArrayList<>();
            for (String id : publicIds) {
                ResourceRef r = pending.resource(id);
                if (r != null) {
                    found.add(r);
                } else {
                    others.add(id);
                }
            }
            if (!others.isEmpty()) {
                found.addAll(lookupWithSeriesMetadata(others));
            }
            return found;
        }
        return maintenance.lookupAll(publicIds);
    }

    /**
     * Resources by public ID from the database; a series comes with its metadata, which ingest reads
     * next (SeriesCompletion), kept in {@link PendingInserts#metadataRead}: one round trip for both.
     */
    private Collection<ResourceRef> lookupWithSeriesMetadata(List<String> publicIds) {
        Map<Long, Map<Integer, String>> seriesMetadata = new java.util.HashMap<>();
        Map<Long, ResourceRef> read = new java.util.LinkedHashMap<>();
        // LATERAL ... OFFSET 0 keeps the planner from joining with a scan of the whole metadata
        // table (its estimates lag behind a bulk ingest): each resource found looks its rows up.
        sql.queryInHeldBack("SELECT r.internal_id, r.resource_type, r.public_id, r.parent_id, m.type, m.value"
                + " FROM resources r LEFT JOIN LATERAL (SELECT type, value FROM metadata"
                + " WHERE internal_id = r.internal_id AND r.resource_type = " + ResourceType.SERIES.code()
                + " OFFSET 0) m ON TRUE WHERE r.public_id IN IN_LIST", publicIds, rs -> {
                    ResourceRef r = read.get(rs.getLong(1));
                    if (r == null) {
                        r = ref(rs);
                        read.put(r.internalId(), r);
                    }
                    if (r.type() == ResourceType.SERIES) {
                        Map<Integer, String> m = seriesMetadata.computeIfAbsent(r.internalId(), k -> new TreeMap<>());
                        String value = rs.getString(6);
                        if (value != null) {
                            m.put(rs.getInt(5), value);
                        }
                    }
                    return null;
                });
        seriesMetadata.forEach(pending::metadataRead);
        return read.values();
    }

    @Override
    public void clearMainDicomTags(Collection<Long> internalIds) {
        mainTagsChanged.addAll(internalIds);
        maintenance.clearMainDicomTags(internalIds);
    }

    @Override
    public int deleteAttachments(int contentType) {
        return maintenance.deleteAttachments(contentType);
    }

    // ------------------------------------------------------------ statistics, properties

    @Override
    public GlobalStatistics statistics() {
        // Totals kept by triggers (migration V6): one row on SQLite, one per writer slot on PostgreSQL.
        return sql.one("SELECT COALESCE(SUM(patients), 0), COALESCE(SUM(studies), 0), COALESCE(SUM(series), 0),"
                + " COALESCE(SUM(instances), 0), COALESCE(SUM(compressed_size), 0),"
                + " COALESCE(SUM(uncompressed_size), 0) FROM statistics_totals",
                rs -> new GlobalStatistics(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6)));
    }

    @Override
    public ResourceStatistics statistics(ResourceRef r) {
        String sub = "WITH RECURSIVE sub(id, type) AS (SELECT CAST(? AS BIGINT), CAST(? AS INTEGER) UNION ALL"
                + " SELECT x.internal_id, x.resource_type FROM resources x JOIN sub ON x.parent_id = sub.id) ";
        long[] counts = new long[5];
        sql.query(sub + "SELECT type, COUNT(*) FROM sub GROUP BY type", rs -> counts[rs.getInt(1)] = rs.getLong(2),
                r.internalId(), r.type().code());
        long[] sizes = sql.one(sub + "SELECT COALESCE(SUM(f.compressed_size), 0), COALESCE(SUM(f.uncompressed_size), 0),"
                + " COALESCE(SUM(CASE WHEN f.file_type = 1 THEN f.compressed_size ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN f.file_type = 1 THEN f.uncompressed_size ELSE 0 END), 0)"
                + " FROM attached_files f JOIN sub ON f.internal_id = sub.id",
                rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)},
                r.internalId(), r.type().code());
        return new ResourceStatistics(counts[2], counts[3], counts[4], sizes[0], sizes[1], sizes[2], sizes[3]);
    }

    @Override
    public String globalProperty(int property) {
        return sql.one("SELECT value FROM global_properties WHERE property = ?", rs -> rs.getString(1), property);
    }

    @Override
    public void setGlobalProperty(int property, String value) {
        sql.update("INSERT INTO global_properties (property, value) VALUES (?, ?)"
                + " ON CONFLICT (property) DO UPDATE SET value = excluded.value", property, value);
    }

    // ---- jobs

    @Override
    public Map<String, String> savedJobs(String serverIdentifier) {
        return jobs.savedJobs(serverIdentifier);
    }

    @Override
    public void saveJobs(String serverIdentifier, Map<String, String> saved) {
        jobs.saveJobs(serverIdentifier, saved);
    }

    @Override
    public void deleteSavedJobs(String serverIdentifier, Collection<String> ids) {
        jobs.deleteSavedJobs(serverIdentifier, ids);
    }

    // ---- find

    @Override
    public List<ResourceRef> find(FindQuery query) {
        return find.find(query);
    }

    @Override
    public long count(FindQuery query) {
        return find.count(query);
    }

    @Override
    public List<ResourceRef> lookupIdentifier(String normalizedValue) {
        return find.lookupIdentifier(normalizedValue);
    }
}
