package io.isengard.server.index.jdbc;

import io.isengard.server.index.Index;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Concurrent ingest on PostgreSQL: two nodes (two pools) on one database, three threads each. */
class PostgresConcurrentIngestTest extends ConcurrentIngestTest {
    private static PostgresTestDatabase db;

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
    protected List<Index> openNodes() {
        return List.of(db.openIndex("isengard", 4), db.openIndex("isengard", 4));
    }

    @Override
    protected int threadsPerNode() {
        return 3;
    }
}
