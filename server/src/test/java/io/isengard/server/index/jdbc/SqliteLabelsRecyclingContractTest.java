package io.isengard.server.index.jdbc;

import io.isengard.server.index.Index;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Labels, recycling and bulk primitives on SQLite (a new file for each test). */
class SqliteLabelsRecyclingContractTest extends LabelsRecyclingContractTest {
    @TempDir
    Path dir;

    @Override
    protected Index newIndex() throws Exception {
        return SqliteIndexFactory.open(dir);
    }
}
