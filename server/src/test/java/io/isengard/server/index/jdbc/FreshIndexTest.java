package io.isengard.server.index.jdbc;

import io.isengard.server.index.Index;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test class whose every test gets a fresh, empty index of the backend its subclass names. */
abstract class FreshIndexTest {
    /** A fresh, empty index (its own SQLite file, or its own PostgreSQL schema). */
    protected abstract Index newIndex() throws Exception;

    protected Index index;

    @BeforeEach
    void openIndex() throws Exception {
        index = newIndex();
    }

    @AfterEach
    void closeIndex() {
        if (index != null) {
            index.close();
        }
    }
}
