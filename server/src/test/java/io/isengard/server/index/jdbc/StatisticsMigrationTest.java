package io.isengard.server.index.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.server.index.GlobalStatistics;
import io.isengard.server.index.Index;
import io.isengard.server.index.IndexTransaction;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.FileInfo;
import io.isengard.server.model.OrthancId;
import io.isengard.server.model.ResourceType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration V6 (the totals of GET /statistics, kept by triggers) on an index
 * that already holds resources and attachments: its first totals are
 * counted from them, and later changes add to them.
 */
class StatisticsMigrationTest {
    @TempDir
    Path dir;

    @Test
    void anIndexMigratedToV6StartsFromItsContent() throws Exception {
        try (Index index = SqliteIndexFactory.open(dir)) {
            index.write(tx -> {
                ResourceRef p = tx.createResource(ResourceType.PATIENT, OrthancId.hash("p"), 0);
                ResourceRef st = tx.createResource(ResourceType.STUDY, OrthancId.hash("st"), p.internalId());
                tx.addAttachment(st.internalId(), new FileInfo(UUID.randomUUID().toString(), 1, 100, null, 40, null,
                        FileInfo.COMPRESSION_ZLIB_WITH_SIZE, 0));
                return null;
            });
        }
        // Back to what an index of the version before V6 looks like.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteIndexFactory.FILE_NAME));
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE statistics_totals");
            for (String t : new String[] {"attachment_added", "attachment_removed", "resource_added",
                "resource_removed"}) {
                s.execute("DROP TRIGGER statistics_" + t);
            }
            s.execute("DELETE FROM flyway_schema_history WHERE version = '6'");
        }
        try (Index index = SqliteIndexFactory.open(dir)) {
            assertThat((GlobalStatistics) index.read(IndexTransaction::statistics))
                    .isEqualTo(new GlobalStatistics(1, 1, 0, 0, 40, 100));
            index.write(tx -> tx.createResource(ResourceType.PATIENT, OrthancId.hash("q"), 0));
            assertThat((GlobalStatistics) index.read(IndexTransaction::statistics))
                    .isEqualTo(new GlobalStatistics(2, 1, 0, 0, 40, 100));
        }
    }
}
