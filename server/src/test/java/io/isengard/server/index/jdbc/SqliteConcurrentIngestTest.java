package io.isengard.server.index.jdbc;

import io.isengard.server.index.Index;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent ingest on SQLite: several threads on one index (SQLite has one writer at a time). */
class SqliteConcurrentIngestTest extends ConcurrentIngestTest {
    @TempDir
    Path indexDir;

    @Override
    protected List<Index> openNodes() throws Exception {
        return List.of(SqliteIndexFactory.open(indexDir));
    }

    @Override
    protected int threadsPerNode() {
        return 6;
    }
}
