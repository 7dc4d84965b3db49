package io.isengard.server.index.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Recycling and rejection with the PostgreSQL index (a fresh schema for each test). */
class PostgresRecyclingTest extends RecyclingTest {
    @RegisterExtension
    static final PostgresPerClass POSTGRES = new PostgresPerClass();

    @Override
    protected String indexConfiguration() {
        return """
                "PostgreSQL": { "EnableIndex": true, "Host": "%s", "Port": %d, "Database": "%s",
                  "Username": "%s", "Schema": "%s" }""".formatted(PostgresTestDatabase.HOST,
                PostgresTestDatabase.PORT, POSTGRES.db().name, PostgresTestDatabase.USER,
                POSTGRES.newSchema("recycling"));
    }
}
