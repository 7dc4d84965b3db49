package io.isengard.server.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.durability.LocalPostgres;
import io.isengard.server.index.jdbc.PostgresSchemas;
import io.isengard.server.rest.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmUpTest {

    @Test
    void runsRealTrafficAgainstAScratchServerInMemoryAndLeavesTheStorageAreaAsItWas(@TempDir Path dir)
            throws Exception {
        Path storage = userStorage(dir);
        // What a killed warm-up leaves behind is cleared: beside the storage area (older versions)...
        Path leftover = storage.resolve(WarmUp.FOLDER).resolve("storage/isengard-index.db");
        Files.createDirectories(leftover.getParent());
        Files.writeString(leftover, "not a database");
        // ...and in memory, when its process is gone; a running process's folder is left alone.
        Path memory = Files.createDirectories(dir.resolve("shm"));
        long gone = ProcessHandle.current().pid() + 4_000_000; // above any pid_max
        Path orphan = Files.createDirectories(memory.resolve(ScratchFolder.PREFIX + gone).resolve("storage"));
        Path running = Files.createDirectories(memory.resolve(ScratchFolder.PREFIX + "1"));
        Path unrelated = Files.createDirectories(memory.resolve("someone-else"));

        WarmUp warmUp = new WarmUp(storage, Duration.ZERO, memory);
        WarmUp.Result result = warmUp.run();

        // Two rounds run even with no time budget; each stores, reads and deletes instances,
        // over HTTP and over DICOM (an echo, 40 C-STOREs and 12 C-FINDs per round), and sends the
        // instances of the round (40 by HTTP, 40 by DICOM) to itself as a peer.
        assertEquals(2, result.rounds());
        assertEquals(2 * (40 + 40), result.peerInstances());
        // Then, on the second server, the hot phase scaled down: 40 tiny uploads (two patients),
        // 50 expanded finds, two deletions.
        assertEquals(WarmUp.HOT_UPLOADS / 60 + WarmUp.HOT_FINDS / 60 + 2, result.hotRequests());
        assertTrue(result.requests() > 400 + 2 * WarmUp.SMALL_UPLOADS, "requests sent: " + result.requests());
        assertEquals(2 * (1 + 40 + 12), result.dicomRequests());
        assertEquals(0, result.luaCallbacks(), "no Lua unless the configuration has LuaScripts");
        assertEquals(0, result.failures());
        assertEquals("SQLite", result.index());
        assertEquals(memory.resolve(ScratchFolder.PREFIX + ProcessHandle.current().pid()), warmUp.folder());
        assertFalse(Files.exists(warmUp.folder()), "the scratch folder is removed");
        assertFalse(Files.exists(orphan.getParent()), "a dead process's scratch folder is removed");
        assertTrue(Files.isDirectory(running));
        assertTrue(Files.isDirectory(unrelated));
        assertUntouched(storage);
    }

    @Test
    void withLuaScriptsConfiguredAnOnStoredInstanceOfItsOwnRunsForTheUploads(@TempDir Path dir) throws Exception {
        Path storage = userStorage(dir);

        WarmUp.Result result = new WarmUp(storage, Duration.ZERO, dir.resolve("shm")).withLua(true).run();

        assertEquals(0, result.failures());
        // 40 uploads per round; callbacks run asynchronously, so the last ones may not have run yet.
        assertTrue(result.luaCallbacks() > 40, "OnStoredInstance calls: " + result.luaCallbacks());
        assertUntouched(storage);
    }

    @Test
    void withoutMemoryTheScratchServerLivesBesideTheStorageArea(@TempDir Path dir) throws Exception {
        Path storage = userStorage(dir);

        // Stored as a server with fsyncs and compression would store them (the compiled code then
        // covers those branches too).
        WarmUp warmUp = new WarmUp(storage, Duration.ZERO, dir.resolve("no-such-folder"))
                .withStorageOptions(true, true);
        WarmUp.Result result = warmUp.run();

        assertEquals(0, result.failures());
        assertEquals(storage.toAbsolutePath().resolve(WarmUp.FOLDER), warmUp.folder());
        assertUntouched(storage);
    }

    @Test
    void withAPostgreSqlIndexTheScratchServerRunsOnASchemaOfItsOwnThenDropsIt(@TempDir Path dir) throws Exception {
        LocalPostgres.withDatabase("isengard_warm_up_test_", "the warm-up on PostgreSQL", database -> {
            ObjectNode pg = Json.object().put("EnableIndex", true).put("Host", "127.0.0.1").put("Port", 5432)
                    .put("Database", database).put("Username", "postgres").put("Password", "");
            // The user's own index, a warm-up killed two hours ago, and one that another server
            // sharing the database is running now.
            PostgresSchemas.create(pg, "isengard");
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database,
                    "postgres", ""); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE isengard.resources (internal_id bigint)");
                s.execute("INSERT INTO isengard.resources VALUES (7)");
            }
            String orphan = ScratchSchema.PREFIX + Instant.now().minus(Duration.ofHours(2)).getEpochSecond() + "_1";
            String running = ScratchSchema.PREFIX + Instant.now().minusSeconds(20).getEpochSecond() + "_2";
            PostgresSchemas.create(pg, orphan);
            PostgresSchemas.create(pg, running);
            Path storage = userStorage(dir);

            WarmUp.Result result = new WarmUp(storage, Duration.ZERO, dir.resolve("shm")).withPostgreSql(pg).run();

            assertEquals("PostgreSQL", result.index());
            assertEquals(2, result.rounds());
            assertEquals(0, result.failures());
            assertEquals(List.of("isengard", running), PostgresSchemas.named(pg, "isengard"),
                    "the scratch schema and the orphan are dropped, the user's and the running one kept");
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database,
                    "postgres", ""); Statement s = c.createStatement();
                    var rs = s.executeQuery("SELECT internal_id FROM isengard.resources")) {
                assertTrue(rs.next());
                assertEquals(7, rs.getLong(1));
                assertFalse(rs.next(), "the user's index is untouched");
            }
            assertUntouched(storage);
        });
    }

    @Test
    void whereNoSchemaCanBeCreatedInPostgreSqlTheWarmUpUsesSqlite(@TempDir Path dir) throws Exception {
        // No database of that name: the warm-up says so and warms up on SQLite.
        ObjectNode pg = Json.object().put("EnableIndex", true).put("Host", "127.0.0.1").put("Port", 5432)
                .put("Database", "isengard_no_such_database").put("Username", "postgres").put("Password", "");
        Path storage = userStorage(dir);

        WarmUp.Result result = new WarmUp(storage, Duration.ZERO, dir.resolve("shm")).withPostgreSql(pg).run();

        assertEquals("SQLite", result.index());
        assertEquals(0, result.failures());
        assertUntouched(storage);
    }

    @Test
    void aPostgreSqlSectionTheServerCannotUseIsLeftForTheServerToReport(@TempDir Path dir) throws Exception {
        ObjectNode pg = Json.object().put("EnableIndex", true).put("ConnectionUri", "mysql://127.0.0.1/x");
        Path storage = userStorage(dir);

        WarmUp.Result result = new WarmUp(storage, Duration.ZERO, dir.resolve("shm")).withPostgreSql(pg).run();

        assertEquals("SQLite", result.index());
        assertEquals(0, result.failures());
    }

    @Test
    void theStartOfAScratchSchemaIsInItsName() {
        assertEquals(Instant.ofEpochSecond(1764460800L), ScratchSchema.started(ScratchSchema.PREFIX + "1764460800_42"));
        assertEquals(null, ScratchSchema.started(ScratchSchema.PREFIX + "notes"));
    }

    private static Path userStorage(Path dir) throws Exception {
        Path storage = dir.resolve("storage");
        Files.createDirectories(storage.resolve("ab/cd"));
        Files.writeString(storage.resolve("ab/cd/abcd-user-file"), "the user's data");
        return storage;
    }

    @Test
    void theCompilerIsIdleOnlyWithNothingRunningOrQueued() {
        String busy = "Current compiles: \nC2 CompilerThread0  9576   !   4       a.B::read (1640 bytes)\n\n"
                + "C1 compile queue:\nEmpty\n\nC2 compile queue:\nEmpty\n";
        String queued = "Current compiles: \n\nC1 compile queue:\nEmpty\n\nC2 compile queue:\n"
                + "9511       4       java.util.concurrent.atomic.AtomicInteger::decrementAndGet (14 bytes)\n";
        String idle = "Current compiles: \n\nC1 compile queue:\nEmpty\n\nC2 compile queue:\nEmpty\n";
        assertFalse(WarmUp.isIdle(busy));
        assertFalse(WarmUp.isIdle(queued));
        assertTrue(WarmUp.isIdle(idle));
        assertTrue(WarmUp.isIdle("10411:\n" + idle), "as jcmd prints it, after the process ID");
    }

    private static void assertUntouched(Path storage) throws Exception {
        try (Stream<Path> files = Files.walk(storage)) {
            assertEquals(List.of(storage, storage.resolve("ab"), storage.resolve("ab/cd"),
                    storage.resolve("ab/cd/abcd-user-file")), files.sorted().toList());
        }
        assertEquals("the user's data", Files.readString(storage.resolve("ab/cd/abcd-user-file")));
    }
}
