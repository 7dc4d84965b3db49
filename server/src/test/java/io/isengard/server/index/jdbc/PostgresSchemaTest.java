package io.isengard.server.index.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.server.index.Index;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.FileInfo;
import io.isengard.server.model.OrthancId;
import io.isengard.server.model.ResourceType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The "PostgreSQL" section: schema isolation, connection settings, migrations run by several nodes at once. */
class PostgresSchemaTest {
    private static PostgresTestDatabase db;

    @BeforeAll
    static void createDatabase() throws Exception {
        db = PostgresTestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    /** The versions of the PostgreSQL migrations on the class path, in order ("1", "4", ...). */
    private static List<String> migrationVersions() throws Exception {
        Path dir = Path.of(PostgresSchemaTest.class.getClassLoader().getResource("db/postgresql").toURI());
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__"))).sorted(Comparator.comparingInt(Integer::parseInt))
                    .toList();
        }
    }

    private static List<String> strings(String sql, Object... params) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    private static List<String> tablesOf(String schema) throws Exception {
        return strings("SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY 1", schema);
    }

    @Test
    void theTablesLiveInSchemaIsengardByDefaultAndEachSchemaIsItsOwnIndex() throws Exception {
        try (Index byDefault = db.openIndex("""
                { "EnableIndex" : true, "Host" : "127.0.0.1", "Port" : 5432, "Database" : "%s",
                  "Username" : "postgres" }""".formatted(db.name));
                Index other = db.openIndex("other_tenant", 2)) {
            assertThat(tablesOf("isengard")).contains("resources", "main_dicom_tags", "dicom_identifiers", "metadata",
                    "attached_files", "deleted_files", "changes", "exported_resources", "labels",
                    "global_properties", "flyway_schema_history");
            assertThat(tablesOf("public")).isEmpty();
            assertThat(tablesOf("other_tenant")).isEqualTo(tablesOf("isengard"));

            byDefault.write(tx -> tx.createResource(ResourceType.PATIENT, OrthancId.hash("a"), 0));
            other.write(tx -> tx.createResource(ResourceType.PATIENT, OrthancId.hash("b"), 0));
            assertThat((List<ResourceRef>) byDefault.read(tx -> tx.list(ResourceType.PATIENT, 0, 0))).extracting(ResourceRef::publicId)
                    .containsExactly(OrthancId.hash("a"));
            assertThat((List<ResourceRef>) other.read(tx -> tx.list(ResourceType.PATIENT, 0, 0))).extracting(ResourceRef::publicId)
                    .containsExactly(OrthancId.hash("b"));
            assertThat(byDefault.backendName()).isEqualTo("PostgreSQL");
        }
    }

    @Test
    void deletingAnAttachmentQueuesItsFileWhateverTheSessionsSearchPath() throws Exception {
        String uuid = UUID.randomUUID().toString();
        try (Index index = db.openIndex("trigger_path", 2)) {
            index.write(tx -> {
                ResourceRef p = tx.createResource(ResourceType.PATIENT, OrthancId.hash("p"), 0);
                tx.addAttachment(p.internalId(), new FileInfo(uuid, 1024, 1, null, 1, null, 1, 0));
                return null;
            });
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("SET search_path TO public"); // e.g. an administrator's psql session
                s.execute("DELETE FROM trigger_path.attached_files");
            }
            assertThat((List<String>) index.read(tx -> tx.deletedFiles(10))).containsExactly(uuid);
        }
    }

    @Test
    void severalNodesMigratingAnEmptyDatabaseAtOnceAllStart() throws Exception {
        int nodes = 4;
        ExecutorService threads = Executors.newFixedThreadPool(nodes);
        try {
            for (int round = 0; round < 3; round++) {
                String schema = "migrated_" + round;
                CyclicBarrier start = new CyclicBarrier(nodes);
                List<Future<Index>> opened = new ArrayList<>();
                for (int n = 0; n < nodes; n++) {
                    opened.add(threads.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        return db.openIndex(schema, 2);
                    }));
                }
                List<Index> indexes = new ArrayList<>();
                try {
                    for (Future<Index> f : opened) {
                        indexes.add(f.get(2, TimeUnit.MINUTES));
                    }
                    assertThat(strings("SELECT version FROM " + schema + ".flyway_schema_history WHERE success"
                            + " AND version IS NOT NULL ORDER BY installed_rank"))
                            .as("each migration applied once").containsExactlyElementsOf(migrationVersions());
                    indexes.get(0).write(tx -> tx.createResource(ResourceType.PATIENT, OrthancId.hash("p"), 0));
                    assertThat((ResourceRef) indexes.get(nodes - 1).read(tx -> tx.lookup(OrthancId.hash("p")))).isNotNull();
                } finally {
                    indexes.forEach(Index::close);
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aConnectionUriMayCarryTheUserAndPasswordAsLibpqAccepts() throws Exception {
        for (String uri : List.of(
                "postgresql://postgres@127.0.0.1:5432/" + db.name,
                "postgresql://postgres:any%20password@127.0.0.1:5432/" + db.name + "?connectTimeout=5",
                "postgres://127.0.0.1/" + db.name + "?user=postgres",
                "jdbc:postgresql://127.0.0.1:5432/" + db.name + "?user=postgres")) {
            try (Index index = db.openIndex("""
                    { "EnableIndex" : true, "ConnectionUri" : "%s", "Schema" : "by_uri" }""".formatted(uri))) {
                assertThat((Long) index.read(tx -> tx.lastChangeSeq())).as(uri).isZero();
            }
        }
    }
}
