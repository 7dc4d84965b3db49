package io.isengard.server.index.jdbc;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Recycling and rejection with the PostgreSQL index (a fresh schema for each test). */
class PostgresRecyclingTest extends RecyclingTest {
    private static PostgresTestDatabase db;
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    @BeforeAll
    static void createDatabase() throws Exception {
        db = PostgresTestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @Override
    protected String indexConfiguration() {
        return """
                "PostgreSQL": { "EnableIndex": true, "Host": "%s", "Port": %d, "Database": "%s",
                  "Username": "%s", "Schema": "recycling_%d" }""".formatted(PostgresTestDatabase.HOST,
                PostgresTestDatabase.PORT, db.name, PostgresTestDatabase.USER, SCHEMAS.incrementAndGet());
    }
}
