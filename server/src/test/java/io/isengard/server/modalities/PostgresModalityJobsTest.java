package io.isengard.server.modalities;

import io.isengard.server.index.jdbc.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The modality jobs on PostgreSQL, the restart above all: the job saved in
 * its index, reloaded by the next start.
 */
class PostgresModalityJobsTest extends ModalityJobsTest {
    private PostgresTestDatabase db;

    @BeforeEach
    void database() throws Exception {
        db = PostgresTestDatabase.create();
    }

    @AfterEach
    void dropDatabase() throws Exception {
        // This runs before the superclass's @AfterEach: a server still open would otherwise lose its
        // database under it and wait for its connection timeouts (a minute per test).
        closeServer();
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
