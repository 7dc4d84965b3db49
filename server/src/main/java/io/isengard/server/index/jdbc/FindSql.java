package io.isengard.server.index.jdbc;

import io.isengard.server.index.CaseFolding;
import io.isengard.server.index.FindQuery;
import io.isengard.server.index.FindQuery.Ordering;
import io.isengard.server.index.FindQuery.TagMatch;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.index.TagConstraint;
import io.isengard.server.model.ResourceType;
import java.util.ArrayList;
import java.util.List;

/**
 * /tools/find, count-resources and lookup as single SQL statements (docs/find.md).
 * Each constraint is a semi-join on an index: {@code alias.internal_id IN
 * (SELECT internal_id FROM main_dicom_tags WHERE tag = ? AND value_upper ...)},
 * where the alias is the resource's row or an ancestor's (joined through
 * parent_id). Case-insensitive matching compares the folded column
 * {@code value_upper} (index (tag, value_upper)); case-sensitive matching
 * adds the same test on {@code value}, which only narrows the folded match.
 */
final class FindSql {
    private static final int PATIENT_ID = 0x00100020;
    private static final int STUDY_INSTANCE_UID = 0x0020000D;
    private static final int SERIES_INSTANCE_UID = 0x0020000E;
    private static final int SOP_INSTANCE_UID = 0x00080018;

    private final Sql sql;
    private final SqlDialect dialect;

    FindSql(Sql sql, SqlDialect dialect) {
        this.sql = sql;
        this.dialect = dialect;
    }

    List<ResourceRef> find(FindQuery q) {
        Statement s = statement(q, true);
        StringBuilder text = new StringBuilder("SELECT r.internal_id, r.resource_type, r.public_id, r.parent_id")
                .append(s.from).append(s.where).append(s.orderBy);
        long since = Math.max(0, q.since());
        if (q.limit() > 0) {
            text.append(" LIMIT ").append(q.limit()).append(" OFFSET ").append(since);
        } else if (since > 0) {
            text.append(dialect == SqlDialect.SQLITE ? " LIMIT -1" : "").append(" OFFSET ").append(since);
        }
        return sql.query(text.toString(), this::ref, s.params.toArray());
    }

    long count(FindQuery q) {
        Statement s = statement(q, false);
        return sql.longValue("SELECT COUNT(*)" + s.from + s.where, s.params.toArray());
    }

    /** Patients, studies, series and instances whose identifier (normalised) is {@code normalized}. */
    List<ResourceRef> lookupIdentifier(String normalized) {
        String one = "SELECT r.internal_id, r.resource_type, r.public_id, r.parent_id FROM dicom_identifiers i"
                + " JOIN resources r ON r.internal_id = i.internal_id WHERE i.tag = ? AND i.value = ?"
                + " AND r.resource_type = ?";
        return sql.query(one + " UNION ALL " + one + " UNION ALL " + one + " UNION ALL " + one
                + " ORDER BY 2, 3", this::ref,
                PATIENT_ID, normalized, ResourceType.PATIENT.code(),
                STUDY_INSTANCE_UID, normalized, ResourceType.STUDY.code(),
                SERIES_INSTANCE_UID, normalized, ResourceType.SERIES.code(),
                SOP_INSTANCE_UID, normalized, ResourceType.INSTANCE.code());
    }

    private ResourceRef ref(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ResourceRef(rs.getLong(1), ResourceType.ofCode(rs.getInt(2)), dialect.text(rs, 3), rs.getLong(4));
    }

    /** FROM (with the ancestors' and ordering joins), WHERE and ORDER BY, and their parameters in order. */
    private record Statement(String from, String where, String orderBy, List<Object> params) {}

    private Statement statement(FindQuery q, boolean ordered) {
        ResourceType level = q.level();
        int depth = 0;
        for (TagMatch m : q.tags()) {
            depth = Math.max(depth, level.code() - m.storedAt().code());
        }
        for (FindQuery.Parent p : q.parents()) {
            depth = Math.max(depth, level.code() - p.level().code());
        }
        if (ordered) {
            for (Ordering o : q.orderBy()) {
                if (!o.isMetadata()) {
                    depth = Math.max(depth, level.code() - o.storedAt().code());
                }
            }
        }
        List<Object> fromParams = new ArrayList<>();
        List<Object> whereParams = new ArrayList<>();
        StringBuilder from = new StringBuilder(" FROM resources r");
        for (int d = 1; d <= depth; d++) {
            from.append(" JOIN resources a").append(d).append(" ON a").append(d).append(".internal_id = ")
                    .append(d == 1 ? "r" : "a" + (d - 1)).append(".parent_id");
        }
        // SQLite without statistics would walk every resource of the level in ID order (the index on
        // (resource_type, public_id) saves the sort) and test each against the constraints; the unary
        // '+' takes that index away, so that it starts from the rows the constraints select instead.
        boolean selective = !q.tags().isEmpty() || !q.parents().isEmpty()
                || (!q.labels().isEmpty() && q.labelsMode() != FindQuery.LabelsConstraint.None);
        StringBuilder where = new StringBuilder(selective && dialect == SqlDialect.SQLITE
                ? " WHERE +r.resource_type = ?" : " WHERE r.resource_type = ?");
        whereParams.add(level.code());
        for (TagMatch m : q.tags()) {
            // The tag is written into the statement, not bound: PostgreSQL can then use a partial index
            // on some tags (the trigram index) in generic plans of the prepared statement too.
            if (m.storedAt().code() > level.code()) {
                // a tag of the children (ModalitiesInStudy): any child may match
                where.append(" AND r.internal_id IN (SELECT c.parent_id FROM resources c JOIN main_dicom_tags t"
                        + " ON t.internal_id = c.internal_id WHERE t.tag = ").append(m.tag()).append(" AND ");
            } else {
                where.append(" AND ").append(alias(level, m.storedAt()))
                        .append(".internal_id IN (SELECT internal_id FROM main_dicom_tags WHERE tag = ")
                        .append(m.tag()).append(" AND ");
            }
            condition(where, whereParams, m.constraint(), m.caseSensitive());
            where.append(')');
        }
        labels(q, where, whereParams);
        for (FindQuery.Parent p : q.parents()) {
            where.append(" AND ").append(alias(level, p.level())).append(".public_id = ?");
            whereParams.add(p.publicId());
        }
        for (FindQuery.MetadataMatch m : q.metadata()) {
            where.append(" AND r.internal_id IN (SELECT internal_id FROM metadata WHERE type = ? AND ");
            whereParams.add(m.type());
            rawCondition(where, whereParams, m.constraint(), "value");
            where.append(')');
        }
        StringBuilder orderBy = new StringBuilder();
        if (ordered) {
            orderBy.append(" ORDER BY ");
            int i = 0;
            for (Ordering o : q.orderBy()) {
                String a = "o" + i++;
                if (o.isMetadata()) {
                    from.append(" LEFT JOIN metadata ").append(a).append(" ON ").append(a)
                            .append(".internal_id = r.internal_id AND ").append(a).append(".type = ?");
                } else {
                    from.append(" LEFT JOIN main_dicom_tags ").append(a).append(" ON ").append(a)
                            .append(".internal_id = ").append(alias(level, o.storedAt())).append(".internal_id AND ")
                            .append(a).append(".tag = ?");
                }
                fromParams.add(o.key());
                String key = sortKey(o, a + ".value");
                // resources lacking the key come last, whatever the direction
                orderBy.append("CASE WHEN ").append(key).append(" IS NULL THEN 1 ELSE 0 END, ").append(key)
                        .append(o.ascending() ? " ASC, " : " DESC, ");
            }
            orderBy.append("r.public_id");
        }
        List<Object> params = new ArrayList<>(fromParams);
        params.addAll(whereParams);
        return new Statement(from.toString(), where.toString(), orderBy.toString(), params);
    }

    private static String alias(ResourceType level, ResourceType storedAt) {
        int d = level.code() - storedAt.code();
        return d == 0 ? "r" : "a" + d;
    }

    private String sortKey(Ordering o, String column) {
        return switch (o.kind()) {
            case DicomTag, Metadata -> column;
            case DicomTagAsInt, MetadataAsInt -> dialect == SqlDialect.SQLITE
                    ? "CAST(" + column + " AS INTEGER)"
                    : "CASE WHEN " + column + " ~ '^\\s*[-+]?[0-9]{1,18}\\s*$' THEN CAST(" + column
                            + " AS BIGINT) END";
            case DicomTagAsFloat, MetadataAsFloat -> dialect == SqlDialect.SQLITE
                    ? "CAST(" + column + " AS REAL)"
                    : "CASE WHEN " + column + " ~ '^\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*$'"
                            + " THEN CAST(" + column + " AS DOUBLE PRECISION) END";
        };
    }

    private static void labels(FindQuery q, StringBuilder where, List<Object> params) {
        if (q.labels().isEmpty()) {
            return;
        }
        switch (q.labelsMode()) {
            case All -> q.labels().forEach(l -> {
                where.append(" AND r.internal_id IN (SELECT internal_id FROM labels WHERE label = ?)");
                params.add(l);
            });
            case Any, None -> {
                where.append(q.labelsMode() == FindQuery.LabelsConstraint.None ? " AND r.internal_id NOT IN"
                        : " AND r.internal_id IN").append(" (SELECT internal_id FROM labels WHERE label IN ")
                        .append(placeholders(q.labels().size())).append(')');
                params.addAll(q.labels());
            }
        }
    }

    /** The folded test (on the index), then, if case-sensitive, the exact one. */
    private void condition(StringBuilder where, List<Object> params, TagConstraint c, boolean caseSensitive) {
        if (c instanceof TagConstraint.Wildcard w) {
            String folded = CaseFolding.upper(w.pattern());
            String prefix = new TagConstraint.Wildcard(folded).literalPrefix();
            String next = successor(prefix);
            if (!prefix.isEmpty()) {
                where.append("value_upper >= ? AND ");
                params.add(prefix);
                if (next != null) {
                    where.append("value_upper < ? AND ");
                    params.add(next);
                }
            }
        }
        rawCondition(where, params, fold(c), "value_upper");
        if (caseSensitive) {
            where.append(" AND ");
            rawCondition(where, params, c, "value");
        }
    }

    private static TagConstraint fold(TagConstraint c) {
        return switch (c) {
            case TagConstraint.Equal e -> new TagConstraint.Equal(CaseFolding.upper(e.value()));
            case TagConstraint.AnyOf a -> new TagConstraint.AnyOf(a.values().stream().map(CaseFolding::upper).toList());
            case TagConstraint.Range r -> r; // dates and times: nothing to fold
            case TagConstraint.Wildcard w -> new TagConstraint.Wildcard(CaseFolding.upper(w.pattern()));
        };
    }

    private void rawCondition(StringBuilder where, List<Object> params, TagConstraint c, String column) {
        switch (c) {
            case TagConstraint.Equal e -> {
                where.append(column).append(" = ?");
                params.add(e.value());
            }
            case TagConstraint.AnyOf a -> {
                where.append(column).append(" IN ").append(placeholders(a.values().size()));
                params.addAll(a.values());
            }
            case TagConstraint.Range r -> {
                where.append(column).append(r.lower() == null ? " IS NOT NULL" : " >= ?");
                if (r.lower() != null) {
                    params.add(r.lower());
                }
                if (r.upper() != null) {
                    where.append(" AND ").append(column).append(" <= ?");
                    params.add(r.upper());
                }
            }
            case TagConstraint.Wildcard w -> {
                if (dialect == SqlDialect.SQLITE) {
                    where.append(column).append(" GLOB ?");
                    params.add(glob(w.pattern()));
                } else {
                    where.append(column).append(" LIKE ? ESCAPE '\\'");
                    params.add(like(w.pattern()));
                }
            }
        }
    }

    private static String placeholders(int n) {
        return "(" + "?,".repeat(n - 1) + "?)";
    }

    /** SQLite GLOB is case-sensitive with '*' and '?' as DICOM's; only '[' needs quoting. */
    static String glob(String pattern) {
        return pattern.replace("[", "[[]");
    }

    /** PostgreSQL LIKE: '*' → '%', '?' → '_', the rest literal. */
    static String like(String pattern) {
        StringBuilder sb = new StringBuilder(pattern.length() + 8);
        pattern.codePoints().forEach(cp -> {
            switch (cp) {
                case '*' -> sb.append('%');
                case '?' -> sb.append('_');
                case '%', '_', '\\' -> sb.append('\\').appendCodePoint(cp);
                default -> sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    /**
     * The smallest string above every string starting with {@code prefix}
     * (its last code point plus one), or null if there is none. Both
     * databases compare text in code point order (SQLite BINARY on UTF-8,
     * PostgreSQL "C").
     */
    static String successor(String prefix) {
        if (prefix.isEmpty()) {
            return null;
        }
        int last = prefix.codePointBefore(prefix.length());
        int next = last + 1;
        if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
            next = Character.MAX_SURROGATE + 1;
        }
        if (next > Character.MAX_CODE_POINT) {
            return null;
        }
        return prefix.substring(0, prefix.length() - Character.charCount(last)) + new String(Character.toChars(next));
    }
}
