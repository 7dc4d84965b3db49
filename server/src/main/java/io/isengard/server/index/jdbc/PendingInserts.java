package io.isengard.server.index.jdbc;

import io.isengard.server.index.ResourceRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows that an ingest transaction on PostgreSQL inserts, held back and
 * sent all at once: one multi-statement prepared statement over arrays, one
 * round trip, instead of a round trip per statement (about ten per instance,
 * each a wake-up of the database's process and of ours: on a server sharing
 * its cores with PostgreSQL, those round trips, not the work, bounded ingest).
 *
 * <p>Only inserts and upserts wait here, so what the database holds plus these
 * rows is what it would hold had they been sent at once; {@link
 * JdbcIndexTransaction} answers the two reads of an ingest (resources by
 * public ID, a resource's metadata) from both, and {@link Sql} sends the rows
 * before any other statement. An upsert of a key already waiting replaces its
 * value and counts one more metadata revision, as its own statement would have.
 */
final class PendingInserts {
    static final String SQL = String.join("; ",
            "INSERT INTO resources (internal_id, resource_type, public_id, parent_id)"
                    + " SELECT i, t, p, r FROM unnest(?::bigint[], ?::smallint[], ?::text[], ?::bigint[])"
                    + " WITH ORDINALITY AS x(i, t, p, r, o) ORDER BY o",
            "INSERT INTO main_dicom_tags (internal_id, tag, value, value_upper)"
                    + " SELECT * FROM unnest(?::bigint[], ?::int[], ?::text[], ?::text[])"
                    + " ON CONFLICT (internal_id, tag) DO UPDATE SET value = excluded.value,"
                    + " value_upper = excluded.value_upper",
            "INSERT INTO dicom_identifiers (internal_id, tag, value)"
                    + " SELECT * FROM unnest(?::bigint[], ?::int[], ?::text[])"
                    + " ON CONFLICT (internal_id, tag) DO UPDATE SET value = excluded.value",
            // "revision" carries the number of updates merged into the row (see Row.updates).
            "INSERT INTO metadata (internal_id, type, value, revision)"
                    + " SELECT * FROM unnest(?::bigint[], ?::int[], ?::text[], ?::int[])"
                    + " ON CONFLICT (internal_id, type) DO UPDATE SET value = excluded.value,"
                    + " revision = metadata.revision + 1 + excluded.revision",
            "INSERT INTO attached_files (internal_id, uuid, file_type, uncompressed_size, uncompressed_md5,"
                    + " compressed_size, compressed_md5, compression_type, revision)"
                    + " SELECT * FROM unnest(?::bigint[], ?::text[], ?::int[], ?::bigint[], ?::text[], ?::bigint[],"
                    + " ?::text[], ?::int[], ?::int[])",
            "INSERT INTO changes (change_type, internal_id, resource_type, public_id, date)"
                    + " SELECT c, i, t, p, d FROM unnest(?::int[], ?::bigint[], ?::smallint[], ?::text[], ?::text[])"
                    + " WITH ORDINALITY AS x(c, i, t, p, d, o) ORDER BY o");

    /** A row waiting, keyed by (resource, tag or type); {@code updates}: later upserts merged into it. */
    private static final class Row {
        String value;
        String upper;
        int updates;

        Row(String value, String upper) {
            this.value = value;
            this.upper = upper;
        }
    }

    private record Key(long internalId, int code) {}

    private final Connection connection;
    private final Map<String, ResourceRef> resources = new LinkedHashMap<>();
    private final Map<Key, Row> mainDicomTags = new LinkedHashMap<>();
    private final Map<Key, Row> identifiers = new LinkedHashMap<>();
    private final Map<Key, Row> metadata = new LinkedHashMap<>();
    private final List<Object[]> attachments = new ArrayList<>();
    private final List<Object[]> changes = new ArrayList<>();
    private final Map<Long, Map<Integer, String>> metadataByResource = new HashMap<>();
    /** Metadata of resources as read from the database, valid until a statement other than ours runs. */
    private final Map<Long, Map<Integer, String>> metadataRead = new HashMap<>();

    PendingInserts(Connection connection) {
        this.connection = connection;
    }

    boolean isEmpty() {
        return resources.isEmpty() && mainDicomTags.isEmpty() && identifiers.isEmpty() && metadata.isEmpty()
                && attachments.isEmpty() && changes.isEmpty();
    }

    void resource(ResourceRef r) {
        resources.put(r.publicId(), r);
    }

    /** A resource inserted here and not sent yet, or null. */
    ResourceRef resource(String publicId) {
        return resources.get(publicId);
    }

    void mainDicomTag(long internalId, int tag, String value, String upper) {
        upsert(mainDicomTags, new Key(internalId, tag), value, upper);
    }

    void identifier(long internalId, int tag, String value) {
        upsert(identifiers, new Key(internalId, tag), value, null);
    }

    void metadata(long internalId, int type, String value) {
        upsert(metadata, new Key(internalId, type), value, null);
        metadataByResource.computeIfAbsent(internalId, k -> new TreeMap<>()).put(type, value);
    }

    /** The metadata of a resource waiting here (to lay over what the database has). */
    Map<Integer, String> metadata(long internalId) {
        return metadataByResource.getOrDefault(internalId, Map.of());
    }

    /** Remembers a resource's metadata as the database has it (read along with the resource). */
    void metadataRead(long internalId, Map<Integer, String> values) {
        metadataRead.put(internalId, values);
    }

    /** A resource's metadata as read from the database since the last other statement, or null. */
    Map<Integer, String> metadataRead(long internalId) {
        return metadataRead.get(internalId);
    }

    /** Another statement is about to run: it may change metadata, so what was read is forgotten. */
    void forgetReads() {
        metadataRead.clear();
    }

    void attachment(Object[] row) {
        attachments.add(row);
    }

    void change(int changeType, ResourceRef r, String date) {
        changes.add(new Object[] {changeType, r.internalId(), r.type().code(), r.publicId(), date});
    }

    private static void upsert(Map<Key, Row> rows, Key key, String value, String upper) {
        Row row = rows.get(key);
        if (row == null) {
            rows.put(key, new Row(value, upper));
        } else {
            row.value = value;
            row.upper = upper;
            row.updates++;
        }
    }

    /** Sends every row waiting, in one round trip. */
    void flush() throws SQLException {
        if (isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(SQL)) {
            int p = 1;
            int n = resources.size();
            Long[] ids = new Long[n];
            Integer[] types = new Integer[n];
            String[] publicIds = new String[n];
            Long[] parents = new Long[n];
            int i = 0;
            for (ResourceRef r : resources.values()) {
                ids[i] = r.internalId();
                types[i] = r.type().code();
                publicIds[i] = r.publicId();
                parents[i++] = r.parentId() == 0 ? null : r.parentId();
            }
            p = bind(ps, p, ids, types, publicIds, parents);
            p = bindKeyed(ps, p, mainDicomTags, true, false);
            p = bindKeyed(ps, p, identifiers, false, false);
            p = bindKeyed(ps, p, metadata, false, true);
            p = bindColumns(ps, p, attachments, 9);
            bindColumns(ps, p, changes, 5);
            ps.execute();
            while (ps.getMoreResults() || ps.getUpdateCount() != -1) {
                // the update counts of the six statements: nothing to read
            }
        }
        clear();
    }

    void clear() {
        resources.clear();
        mainDicomTags.clear();
        identifiers.clear();
        metadata.clear();
        attachments.clear();
        changes.clear();
        metadataByResource.clear();
    }

    private static int bind(PreparedStatement ps, int p, Object[]... arrays) throws SQLException {
        for (Object[] a : arrays) {
            ps.setObject(p++, a);
        }
        return p;
    }

    private static int bindKeyed(PreparedStatement ps, int p, Map<Key, Row> rows, boolean upper, boolean updates)
            throws SQLException {
        int n = rows.size();
        Long[] ids = new Long[n];
        Integer[] codes = new Integer[n];
        String[] values = new String[n];
        String[] uppers = new String[n];
        Integer[] counts = new Integer[n];
        int i = 0;
        for (Map.Entry<Key, Row> e : rows.entrySet()) {
            ids[i] = e.getKey().internalId();
            codes[i] = e.getKey().code();
            values[i] = e.getValue().value;
            uppers[i] = e.getValue().upper;
            counts[i++] = e.getValue().updates;
        }
        p = bind(ps, p, ids, codes, values);
        if (upper) {
            p = bind(ps, p, (Object[]) uppers);
        }
        if (updates) {
            p = bind(ps, p, (Object[]) counts);
        }
        return p;
    }

    /** Binds each column of {@code rows} as one array, the arrays' element types taken from the first row. */
    private static int bindColumns(PreparedStatement ps, int p, List<Object[]> rows, int columns) throws SQLException {
        for (int c = 0; c < columns; c++) {
            Object[] column = rows.isEmpty() ? new String[0] : newArray(rows, c);
            for (int r = 0; r < rows.size(); r++) {
                column[r] = rows.get(r)[c];
            }
            ps.setObject(p++, column);
        }
        return p;
    }

    private static Object[] newArray(List<Object[]> rows, int column) {
        for (Object[] row : rows) {
            Object v = row[column];
            if (v instanceof Long) {
                return new Long[rows.size()];
            }
            if (v instanceof Integer) {
                return new Integer[rows.size()];
            }
            if (v != null) {
                return new String[rows.size()];
            }
        }
        return new String[rows.size()];
    }
}
