package io.isengard.server.warmup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.index.jdbc.PostgresSchemas;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warm-up's index when the real one is PostgreSQL: a schema of its own in
 * the configured database, {@code isengard_warm_up_<epoch seconds>_<pid>_<random>},
 * dropped afterwards. The JIT compiles what the warm-up runs: warmed up on
 * SQLite, a PostgreSQL server compiled its index code (the JDBC driver, the
 * batched inserts) under its first real uploads, a tenth of its CPU then.
 *
 * <p>Several servers may share the database and warm up at the same time, so
 * a leftover (of a warm-up killed midway) is recognised by its age: the
 * creation time is in the name, and a warm-up lasts under a minute.
 */
final class ScratchSchema {
    private static final Logger LOG = LoggerFactory.getLogger(ScratchSchema.class);
    static final String PREFIX = "isengard_warm_up_";
    static final Duration ORPHANED_AFTER = Duration.ofHours(1);

    private final JsonNode userSection;
    private final String name;

    private ScratchSchema(JsonNode userSection, String name) {
        this.userSection = userSection;
        this.name = name;
    }

    /**
     * Creates the scratch schema after dropping orphaned ones; null (logged) when the
     * database cannot be reached or the user may not create a schema there.
     */
    static ScratchSchema create(JsonNode userSection) {
        // The random part: servers in containers often share their process ID (1, say).
        String name = PREFIX + Instant.now().getEpochSecond() + "_" + ProcessHandle.current().pid() + "_"
                + Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 16, 1 << 20));
        try {
            dropOrphans(userSection, Instant.now());
            PostgresSchemas.create(userSection, name);
            return new ScratchSchema(userSection, name);
        } catch (SQLException | RuntimeException e) {
            // A section the real server cannot use either (a malformed ConnectionUri, say) is for
            // the real server to report, after the warm-up.
            LOG.warn("The warm-up uses SQLite: it cannot create the schema {} in PostgreSQL's database ({})",
                    name, e.getMessage());
            return null;
        }
    }

    /** Schemas of warm-ups that started over {@link #ORPHANED_AFTER} before {@code now}. */
    static void dropOrphans(JsonNode userSection, Instant now) throws SQLException {
        for (String schema : PostgresSchemas.named(userSection, PREFIX)) {
            Instant started = started(schema);
            if (started != null && started.plus(ORPHANED_AFTER).isBefore(now)) {
                PostgresSchemas.drop(userSection, schema);
            }
        }
    }

    /** The start time in a scratch schema's name, or null if the name is not one of ours. */
    static Instant started(String schema) {
        String rest = schema.substring(PREFIX.length());
        int end = rest.indexOf('_');
        try {
            return Instant.ofEpochSecond(Long.parseLong(end < 0 ? rest : rest.substring(0, end)));
        } catch (NumberFormatException notOurs) {
            return null;
        }
    }

    /** The user's "PostgreSQL" section with this schema in place of theirs. */
    ObjectNode section() {
        ObjectNode section = ((ObjectNode) userSection).deepCopy();
        section.put("EnableIndex", true);
        section.put("Schema", name);
        return section;
    }

    void drop() {
        try {
            PostgresSchemas.drop(userSection, name);
        } catch (SQLException e) {
            LOG.warn("Cannot drop the warm-up's schema {} in PostgreSQL ({}): the next start drops it after {}",
                    name, e.getMessage(), ORPHANED_AFTER);
        }
    }
}
