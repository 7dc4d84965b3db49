package io.isengard.server.index.jdbc;

import io.isengard.server.index.Index;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteGroupedIngestRowsTest extends GroupedIngestRowsTest {
    @TempDir
    Path dir;

    @Override
    protected Index newIndex() throws Exception {
        return SqliteIndexFactory.open(dir);
    }
}
