package io.isengard.server.jobs;

import io.isengard.server.index.jdbc.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The same on PostgreSQL: jobs saved in its index, under the server's DatabaseServerIdentifier. */
class PostgresJobsRestartTest extends JobsRestartTest {
    private PostgresTestDatabase db;

    @BeforeEach
    void database() throws Exception {
        db = PostgresTestDatabase.create();
    }

    @AfterEach
    void dropDatabase() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @Override
    String indexConfig() {
        return ("\"PostgreSQL\": {\"EnableIndex\": true, \"Host\": \"%s\", \"Port\": %d, \"Database\": \"%s\","
                + " \"Username\": \"%s\", \"Password\": \"\"}").formatted(PostgresTestDatabase.HOST,
                PostgresTestDatabase.PORT, db.name, PostgresTestDatabase.USER);
    }
}
