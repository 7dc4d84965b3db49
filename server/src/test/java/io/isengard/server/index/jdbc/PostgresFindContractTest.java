package io.isengard.server.index.jdbc;

import io.isengard.server.index.Index;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link FindContractTest} on PostgreSQL: one database, a schema per test. */
class PostgresFindContractTest extends FindContractTest {
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
        return db.openIndex("find_" + SCHEMAS.incrementAndGet(), 2);
    }
}
