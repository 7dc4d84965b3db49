package io.isengard.server.index.jdbc;

import io.isengard.server.index.Index;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresGroupedIngestRowsTest extends GroupedIngestRowsTest {
    @RegisterExtension
    static final PostgresPerClass POSTGRES = new PostgresPerClass();

    @Override
    protected Index newIndex() {
        return POSTGRES.db().openIndex(POSTGRES.newSchema("grouped_rows"), 4);
    }
}
