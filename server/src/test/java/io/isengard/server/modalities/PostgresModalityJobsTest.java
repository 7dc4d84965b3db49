package io.isengard.server.modalities;

import io.isengard.server.index.jdbc.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The restart on PostgreSQL: the job saved in its index, reloaded by the
 * next start (the other cases do not depend on the index, and a server
 * on PostgreSQL is slow to start and stop).
 */
class PostgresModalityJobsTest extends ModalityJobsTest {
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
    @Test
    @Disabled("the index only matters for the restart; run on SQLite")
    void anAsynchronousStoreIsADicomModalityStoreJobWithOrthancsContent() {
    }

    @Override
    @Test
    @Disabled("the index only matters for the restart; run on SQLite")
    void aPausedStoreClosesItsAssociationAndResumesWhereItStopped() {
    }

    @Override
    @Test
    @Disabled("the index only matters for the restart; run on SQLite")
    void anInstanceDeletedAfterTheStoreWasRequestedCountsAsFailed() {
    }

    @Override
    @Test
    @Disabled("the index only matters for the restart; run on SQLite")
    void synchronousStoreAnswersTheContentAndIsListedInJobs() {
    }

    @Override
    @Test
    @Disabled("the index only matters for the restart; run on SQLite")
    void anAsynchronousStoreToAnUnreachableModalityFailsWithTheNetworkError() {
    }

    @Override
    String indexConfig() {
        return ("\"PostgreSQL\": {\"EnableIndex\": true, \"Host\": \"%s\", \"Port\": %d, \"Database\": \"%s\","
                + " \"Username\": \"%s\", \"Password\": \"\"}").formatted(PostgresTestDatabase.HOST,
                PostgresTestDatabase.PORT, db.name, PostgresTestDatabase.USER);
    }
}
