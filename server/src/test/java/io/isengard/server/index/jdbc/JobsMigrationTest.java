package io.isengard.server.index.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.server.index.Index;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration V3 (the jobs table) came after V4: an index created before it
 * (at V4 without V3) gets it when opened, and the jobs primitives work.
 */
class JobsMigrationTest {
    @TempDir
    Path dir;

    @Test
    void anIndexAtV4WithoutV3GetsTheJobsTable() throws Exception {
        Index fresh = SqliteIndexFactory.open(dir);
        fresh.close();
        // Back to what a database migrated before V3 existed looks like.
        String url = "jdbc:sqlite:" + dir.resolve(SqliteIndexFactory.FILE_NAME);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE jobs");
            s.execute("DELETE FROM flyway_schema_history WHERE version = '3'");
        }
        try (Index index = SqliteIndexFactory.open(dir)) {
            index.write(tx -> {
                tx.saveJobs("", Map.of("a", "{\"x\":1}", "b", "{}"));
                tx.saveJobs("", Map.of("a", "{\"x\":2}"));
                tx.saveJobs("other", Map.of("a", "{}"));
                tx.deleteSavedJobs("", List.of("b", "unknown"));
                return null;
            });
            Map<String, String> mine = index.read(tx -> tx.savedJobs(""));
            Map<String, String> other = index.read(tx -> tx.savedJobs("other"));
            assertThat(mine).containsExactly(Map.entry("a", "{\"x\":2}"));
            assertThat(other).containsOnlyKeys("a");
        }
    }
}
