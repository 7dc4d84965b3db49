package io.isengard.server.index.jdbc;

import io.isengard.server.index.Index;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteGroupCommitTest extends GroupCommitTest {
    @TempDir
    Path dir;

    @Override
    protected Index newIndex() throws Exception {
        return SqliteIndexFactory.open(dir);
    }
}
