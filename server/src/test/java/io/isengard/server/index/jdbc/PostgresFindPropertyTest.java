package io.isengard.server.index.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link FindPropertyTest} on PostgreSQL: a fresh database for the class. */
class PostgresFindPropertyTest extends FindPropertyTest {
    private static PostgresTestDatabase db;

    @BeforeAll
    static void start() throws Exception {
        db = PostgresTestDatabase.create();
        startWith("""
                "PostgreSQL" : { "EnableIndex" : true, "Host" : "%s", "Port" : %d, "Database" : "%s",
                  "Username" : "%s", "Password" : "", "Schema" : "find_property" }
                """.formatted(PostgresTestDatabase.HOST, PostgresTestDatabase.PORT, db.name, PostgresTestDatabase.USER));
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        stop();
        if (db != null) {
            db.close();
        }
    }
}
