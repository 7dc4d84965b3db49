package io.isengard.server.index.jdbc;

import io.isengard.server.index.Index;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Revisions on SQLite (a new index file for each test). */
class SqliteRevisionsContractTest extends RevisionsContractTest {
    @TempDir
    Path indexDir;

    @Override
    protected Index newIndex() throws Exception {
        return SqliteIndexFactory.open(indexDir);
    }
}
