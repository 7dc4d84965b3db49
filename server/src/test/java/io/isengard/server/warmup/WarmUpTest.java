package io.isengard.server.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmUpTest {

    @Test
    void runsRealTrafficAgainstAScratchServerAndLeavesTheStorageAreaAsItWas(@TempDir Path dir) throws Exception {
        Path storage = dir.resolve("storage");
        Files.createDirectories(storage.resolve("ab/cd"));
        Files.writeString(storage.resolve("ab/cd/abcd-user-file"), "the user's data");
        // What a warm-up killed midway leaves behind is cleared first.
        Path leftover = storage.resolve(WarmUp.FOLDER).resolve("storage/isengard-index.db");
        Files.createDirectories(leftover.getParent());
        Files.writeString(leftover, "not a database");

        WarmUp.Result result = new WarmUp(storage, Duration.ZERO).run();

        // Two rounds run even with no time budget; each stores, reads and deletes instances.
        assertEquals(2, result.rounds());
        assertTrue(result.requests() > 400, "requests sent: " + result.requests());
        assertEquals(0, result.failures());
        assertFalse(Files.exists(storage.resolve(WarmUp.FOLDER)), "the scratch folder is removed");
        try (Stream<Path> files = Files.walk(storage)) {
            assertEquals(List.of(storage, storage.resolve("ab"), storage.resolve("ab/cd"),
                    storage.resolve("ab/cd/abcd-user-file")), files.sorted().toList());
        }
        assertEquals("the user's data", Files.readString(storage.resolve("ab/cd/abcd-user-file")));
    }
}
