package io.isengard.server.index.jdbc;

import io.isengard.server.index.Index;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Statistics on SQLite (a new file for each test). */
class SqliteStatisticsContractTest extends StatisticsContractTest {
    @TempDir
    Path dir;

    @Override
    protected Index newIndex() throws Exception {
        return SqliteIndexFactory.open(dir);
    }
}
