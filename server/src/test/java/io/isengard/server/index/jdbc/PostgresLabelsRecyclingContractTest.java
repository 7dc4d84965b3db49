package io.isengard.server.index.jdbc;

import io.isengard.server.index.Index;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Labels, recycling and bulk primitives on PostgreSQL (one database, a fresh schema for each test). */
class PostgresLabelsRecyclingContractTest extends LabelsRecyclingContractTest {
    @RegisterExtension
    static final PostgresPerClass POSTGRES = new PostgresPerClass();

    @Override
    protected Index newIndex() {
        return POSTGRES.db().openIndex(POSTGRES.newSchema("labels"), 4);
    }
}
