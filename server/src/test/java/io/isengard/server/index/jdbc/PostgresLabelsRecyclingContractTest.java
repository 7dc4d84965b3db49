package io.isengard.server.index.jdbc;

import io.isengard.server.index.Index;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Labels, recycling and bulk primitives on PostgreSQL (one database, a fresh schema for each test). */
class PostgresLabelsRecyclingContractTest extends LabelsRecyclingContractTest {
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
    protected Index newIndex() {
        return db.openIndex("labels_" + SCHEMAS.incrementAndGet(), 4);
    }
}
