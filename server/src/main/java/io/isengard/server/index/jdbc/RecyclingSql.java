package io.isengard.server.index.jdbc;

import io.isengard.server.model.MetadataType;
import io.isengard.server.model.ResourceType;

/**
 * Protection of patients and their recycling order (MaximumStorageSize,
 * MaximumPatientCount; resources.md §3, §15). The order is the table
 * patient_recycling_order: a patient takes the next seq when it receives an
 * instance or loses its protection, the lowest unprotected seq goes first.
 */
final class RecyclingSql {
    private final Sql sql;
    private final SqlDialect dialect;

    RecyclingSql(Sql sql, SqlDialect dialect) {
        this.sql = sql;
        this.dialect = dialect;
    }

    boolean isProtected(long internalId) {
        Integer p = sql.one("SELECT is_protected FROM resources WHERE internal_id = ?", rs -> rs.getInt(1),
                internalId);
        return p != null && p != 0;
    }

    void setProtected(long internalId, boolean isProtected) {
        sql.update("UPDATE resources SET is_protected = ? WHERE internal_id = ?", isProtected ? 1 : 0, internalId);
    }

    /** The next seq: a sequence on PostgreSQL (several writers), the maximum + 1 on SQLite (one writer). */
    private String nextSeq() {
        return dialect == SqlDialect.POSTGRESQL ? "nextval('patient_recycling_seq')"
                : "(SELECT COALESCE(MAX(seq), 0) + 1 FROM patient_recycling_order)";
    }

    void touchPatient(long internalId) {
        sql.update("INSERT INTO patient_recycling_order (internal_id, seq) VALUES (?, " + nextSeq() + ")"
                + " ON CONFLICT (internal_id) DO UPDATE SET seq = excluded.seq", internalId);
    }

    /**
     * Puts the patients missing from the order before every patient in it,
     * among themselves by LastUpdate (then creation): they received nothing
     * while a limit was in force.
     */
    int addMissingPatients() {
        return sql.update("INSERT INTO patient_recycling_order (internal_id, seq)"
                + " SELECT r.internal_id, (SELECT COALESCE(MIN(seq), 0) FROM patient_recycling_order)"
                + " - ROW_NUMBER() OVER (ORDER BY m.value DESC, r.internal_id DESC)"
                + " FROM resources r LEFT JOIN metadata m ON m.internal_id = r.internal_id AND m.type = ?"
                + " WHERE r.resource_type = ? AND NOT EXISTS"
                + " (SELECT 1 FROM patient_recycling_order o WHERE o.internal_id = r.internal_id)",
                MetadataType.LastUpdate.code(), ResourceType.PATIENT.code());
    }

    /**
     * The unprotected patient first in the order, other than {@code avoid}; 0
     * if none. Written as NOT EXISTS so that the plan walks the seq index
     * (a join lets SQLite without statistics scan every resource: 0.7 s with
     * a million instances).
     */
    long patientToRecycle(long avoid) {
        Long id = sql.one("SELECT o.internal_id FROM patient_recycling_order o WHERE o.internal_id <> ? AND NOT EXISTS"
                + " (SELECT 1 FROM resources r WHERE r.internal_id = o.internal_id AND r.is_protected <> 0)"
                + " ORDER BY o.seq LIMIT 1", rs -> rs.getLong(1), avoid);
        return id == null ? 0 : id;
    }

    long countPatients() {
        return sql.longValue("SELECT COUNT(*) FROM resources WHERE resource_type = " + ResourceType.PATIENT.code());
    }

    long totalCompressedSize() {
        return sql.longValue("SELECT COALESCE(SUM(compressed_size), 0) FROM attached_files");
    }
}
