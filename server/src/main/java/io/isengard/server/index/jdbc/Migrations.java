package io.isengard.server.index.jdbc;

import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** Runs the Flyway migrations of an index. */
final class Migrations {
    private Migrations() {}

    /**
     * Migrates. V3 (jobs) came after V4: a database migrated before V3
     * existed has it "ignored" (lower than its current version), and only
     * then Flyway is told to apply migrations out of order (it warns on every
     * run in that mode, so it is not on by default).
     */
    static void migrate(FluentConfiguration configuration) {
        Flyway flyway = configuration.load();
        boolean late = Arrays.stream(flyway.info().all()).anyMatch(m -> m.getState() == MigrationState.IGNORED);
        (late ? configuration.outOfOrder(true).load() : flyway).migrate();
    }
}
