package io.isengard.server.index.jdbc;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh PostgreSQL test database for one test class, and fresh schema
 * names in it; register as a static {@code @RegisterExtension} field.
 */
final class PostgresPerClass implements BeforeAllCallback, AfterAllCallback {
    private final AtomicInteger schemas = new AtomicInteger();
    private PostgresTestDatabase db;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        db = PostgresTestDatabase.create();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (db != null) {
            db.close();
        }
    }

    PostgresTestDatabase db() {
        return db;
    }

    /** A schema name not used yet in this database. */
    String newSchema(String prefix) {
        return prefix + "_" + schemas.incrementAndGet();
    }
}
