package io.isengard.server.index.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSourceTest {
    @TempDir
    Path dir;

    @Test
    void theConnectionGivenBackLastIsLentFirst() throws Exception {
        SqliteSource source = new SqliteSource("jdbc:sqlite:" + dir.resolve("pool.db"), 3);
        try {
            ConnectionSource.Lease a = source.lease();
            ConnectionSource.Lease b = source.lease();
            ConnectionSource.Lease c = source.lease();
            Connection last = b.connection();
            a.close();
            c.close();
            b.close();
            for (int i = 0; i < 3; i++) {
                try (ConnectionSource.Lease again = source.lease()) {
                    assertThat(again.connection()).as("one request after another: the same connection")
                            .isSameAs(last);
                }
            }
        } finally {
            source.close();
        }
    }
}
