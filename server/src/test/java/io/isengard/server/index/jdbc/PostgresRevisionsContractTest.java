package io.isengard.server.index.jdbc;

import io.isengard.server.index.Index;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Revisions on PostgreSQL: one fresh database for the class, one schema per test. */
class PostgresRevisionsContractTest extends RevisionsContractTest {
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
        return db.openIndex("revisions_" + SCHEMAS.incrementAndGet(), 4);
    }
}
