package io.isengard.server.index.jdbc;

import io.isengard.server.index.Index;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The index contract on SQLite (a new file in a temporary folder for each test). */
class SqliteIndexContractTest extends IndexContractTest {
    @TempDir
    Path dir;

    @Override
    protected Index newIndex() throws Exception {
        return SqliteIndexFactory.open(dir);
    }
}
