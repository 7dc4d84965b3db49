package io.isengard.server.index.jdbc;

import io.isengard.server.index.Index;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Statistics on PostgreSQL (one database, a fresh schema for each test). */
class PostgresStatisticsContractTest extends StatisticsContractTest {
    @RegisterExtension
    static final PostgresPerClass POSTGRES = new PostgresPerClass();

    @Override
    protected Index newIndex() {
        return POSTGRES.db().openIndex(POSTGRES.newSchema("statistics"), 4);
    }
}
