package io.isengard.server.index.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.server.index.Index;
import io.isengard.server.index.IndexException;
import io.isengard.server.index.IndexTransaction;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.FileInfo;
import io.isengard.server.model.OrthancId;
import io.isengard.server.model.ResourceType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's settings are per connection (foreign_keys above all: without it
 * no cascade happens): every connection of both pools must have them.
 */
class SqlitePragmasTest {
    /** The size of the readers' pool in {@link SqliteIndexFactory}. */
    static final int READERS = 8;

    @TempDir
    Path dir;

    private Index index;

    @BeforeEach
    void open() throws Exception {
        index = SqliteIndexFactory.open(dir);
    }

    @AfterEach
    void close() {
        index.close();
    }

    private static Map<String, String> pragmas(IndexTransaction tx) {
        Map<String, String> m = new LinkedHashMap<>();
        try (Statement s = IndexContractTest.connection(tx).createStatement()) {
            for (String p : List.of("foreign_keys", "journal_mode", "synchronous", "busy_timeout")) {
                try (ResultSet rs = s.executeQuery("PRAGMA " + p)) {
                    rs.next();
                    m.put(p, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IndexException(e.getMessage(), e);
        }
        return m;
    }

    private static final Map<String, String> EXPECTED = Map.of("foreign_keys", "1", "journal_mode", "wal",
            "synchronous", "1", "busy_timeout", "30000");

    private static Object physical(IndexTransaction tx) {
        try {
            return IndexContractTest.connection(tx).unwrap(org.sqlite.SQLiteConnection.class);
        } catch (SQLException e) {
            throw new IndexException(e.getMessage(), e);
        }
    }

    @Test
    void everyConnectionOfBothPoolsHasForeignKeysWalNormalSyncAndABusyTimeout() throws Exception {
        assertThat((Map<String, String>) index.write(SqlitePragmasTest::pragmas)).isEqualTo(EXPECTED);
        ExecutorService threads = Executors.newFixedThreadPool(READERS);
        try {
            // All readers at once, so that each holds a different connection of the pool.
            CyclicBarrier together = new CyclicBarrier(READERS);
            List<Future<Object[]>> seen = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                seen.add(threads.submit(() -> index.read(tx -> {
                    Object[] r = {physical(tx), pragmas(tx)};
                    try {
                        together.await(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException("the readers' pool has fewer than " + READERS
                                + " connections", e);
                    }
                    return r;
                })));
            }
            Map<Object, Boolean> connections = new IdentityHashMap<>();
            for (Future<Object[]> f : seen) {
                Object[] r = f.get(1, TimeUnit.MINUTES);
                connections.put(r[0], true);
                assertThat(r[1]).isEqualTo(EXPECTED);
            }
            assertThat(connections).hasSize(READERS);
        } finally {
            threads.shutdownNow();
        }
    }

    private ResourceRef patientWithAFile(String name) {
        return index.write(tx -> {
            ResourceRef p = tx.createResource(ResourceType.PATIENT, OrthancId.hash(name), 0);
            ResourceRef st = tx.createResource(ResourceType.STUDY, OrthancId.hash(name + "/st"), p.internalId());
            tx.setMainDicomTags(st.internalId(), Map.of(0x0020000D, "1.2"));
            tx.addAttachment(st.internalId(), new FileInfo(UUID.randomUUID().toString(), 1024, 1, null, 1, null, 1, 0));
            return p;
        });
    }

    private static long rows(IndexTransaction tx) {
        return IndexContractTest.count(tx, "SELECT (SELECT COUNT(*) FROM resources)"
                + " + (SELECT COUNT(*) FROM main_dicom_tags) + (SELECT COUNT(*) FROM attached_files)");
    }

    @Test
    void deletesCascadeOnWriterAndReaderConnectionsAlike() {
        ResourceRef a = patientWithAFile("a");
        ResourceRef b = patientWithAFile("b");
        index.write(tx -> IndexContractTest.exec(tx, "DELETE FROM resources WHERE internal_id = ?", a.internalId()));
        assertThat((Long) index.read(SqlitePragmasTest::rows)).as("b: 2 resources, 1 tag, 1 attachment").isEqualTo(4);
        // Readers never write in Isengard, but their connections must be configured all the same.
        index.read(tx -> IndexContractTest.exec(tx, "DELETE FROM resources WHERE internal_id = ?", b.internalId()));
        assertThat((Long) index.read(SqlitePragmasTest::rows)).isZero();
        assertThat((List<String>) index.read(tx -> tx.deletedFiles(10))).hasSize(2);
    }
}
