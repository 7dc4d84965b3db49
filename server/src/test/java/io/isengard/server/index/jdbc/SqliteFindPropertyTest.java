package io.isengard.server.index.jdbc;

import org.junit.jupiter.api.BeforeAll;

/** {@link FindPropertyTest} on the embedded SQLite index. */
class SqliteFindPropertyTest extends FindPropertyTest {
    @BeforeAll
    static void start() throws Exception {
        startWith("");
    }
}
