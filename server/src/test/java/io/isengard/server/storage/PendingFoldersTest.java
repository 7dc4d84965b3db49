package io.isengard.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several nodes on one storage folder: each writes to a pending folder of
 * its own and recovers, at startup, its own leftovers and those of nodes
 * that are not running, never the files another running node has in flight.
 */
class PendingFoldersTest {
    @TempDir
    Path root;

    private static String pendingFile(StorageArea area, String content) throws IOException {
        String uuid = UUID.randomUUID().toString();
        StorageArea.PendingFile f = area.create(uuid); // never closed: in flight, or its process died
        f.output().write(content.getBytes(StandardCharsets.US_ASCII));
        f.seal();
        return uuid;
    }

    @Test
    void aNodeRecoversTheLeftoversOfStoppedNodesButNotTheFilesInFlightOfRunningOnes() throws IOException {
        FilesystemStorageArea a = new FilesystemStorageArea(root, false, "node-a");
        String inFlight = pendingFile(a, "A is writing this");
        FilesystemStorageArea b = new FilesystemStorageArea(root, false, "node-b");
        String leftByB = pendingFile(b, "B crashes after this");
        b.close(); // B dies

        FilesystemStorageArea c = new FilesystemStorageArea(root, false, "node-c");
        try (StorageArea.Leftovers leftovers = c.claimLeftovers()) {
            assertThat(leftovers.uuids()).as("B's file, not A's").containsExactly(leftByB);
            try (FilesystemStorageArea d = new FilesystemStorageArea(root, false, "node-d");
                    StorageArea.Leftovers claimedTwice = d.claimLeftovers()) {
                assertThat(claimedTwice.uuids()).as("D starts while C's claim lasts").isEmpty();
            }
            leftovers.publish(leftByB);
        }
        assertThat(c.pathOf(leftByB)).hasContent("B crashes after this");
        assertThat(a.pendingUuids()).as("A's file is untouched").containsExactly(inFlight);
        assertThat(c.pathOf(inFlight)).doesNotExist();

        a.close(); // A dies too
        try (StorageArea.Leftovers leftovers = c.claimLeftovers()) {
            assertThat(leftovers.uuids()).containsExactly(inFlight);
            leftovers.discard(inFlight);
        }
        assertThat(a.pendingUuids()).isEmpty();
        c.close();
    }

    @Test
    void aRunningNodeClaimsOnlyTheFoldersOfStoppedNodes() throws IOException {
        Path pending = root.resolve(".isengard-pending");
        FilesystemStorageArea running = new FilesystemStorageArea(root, false, "running");
        String own = pendingFile(running, "in flight here");
        String legacy = UUID.randomUUID().toString();
        Files.writeString(pending.resolve(legacy), "perhaps in flight in an older node");
        FilesystemStorageArea stopped = new FilesystemStorageArea(root, false, "stopped");
        String leftover = pendingFile(stopped, "left by a crash");
        stopped.close();
        try (StorageArea.Leftovers leftovers = running.claimStoppedNodesLeftovers()) {
            assertThat(leftovers.uuids()).containsExactly(leftover);
        }
        assertThat(running.pendingUuids()).containsExactly(own);
        running.close();
    }

    @Test
    void aNodeRestartingWhileAnotherRecoversItsFolderWaitsForTheClaimToEnd() throws Exception {
        FilesystemStorageArea b = new FilesystemStorageArea(root, false, "node-b");
        String leftByB = pendingFile(b, "B crashes after this");
        b.close();
        FilesystemStorageArea c = new FilesystemStorageArea(root, false, "node-c");
        java.util.concurrent.CompletableFuture<FilesystemStorageArea> restart;
        try (StorageArea.Leftovers leftovers = c.claimLeftovers()) {
            restart = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new FilesystemStorageArea(root, false, "node-b");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Thread.sleep(300);
            assertThat(restart).as("B waits while C holds its folder").isNotDone();
            leftovers.publish(leftByB);
        }
        try (FilesystemStorageArea restarted = restart.get(10, TimeUnit.SECONDS);
                StorageArea.Leftovers leftovers = restarted.claimLeftovers()) {
            assertThat(leftovers.uuids()).isEmpty();
        }
        c.close();
    }

    @Test
    void aSecondServerWithTheSameIdentifierIsRefusedWithAnExplanation() throws IOException {
        try (FilesystemStorageArea first = new FilesystemStorageArea(root, false, "twin")) {
            assertThatThrownBy(() -> new FilesystemStorageArea(root, false, "twin"))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("in use by another running server")
                    .hasMessageContaining("\"twin\"")
                    .hasMessageContaining(root.toString());
        }
        new FilesystemStorageArea(root, false, "twin").close(); // free again once the first stopped
    }

    @Test
    void theLockIsTheOperatingSystemsAndDiesWithTheProcessThatHeldIt() throws Exception {
        // A real second process, killed with SIGKILL: no stale lock may outlive it.
        FilesystemStorageArea other = new FilesystemStorageArea(root, false, "other");
        String leftover = pendingFile(other, "left by the other process");
        other.close();
        Path holder = root.resolve("HoldLock.java");
        Files.writeString(holder, """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class HoldLock {
                    public static void main(String[] a) throws Exception {
                        FileChannel ch = FileChannel.open(Path.of(a[0]), StandardOpenOption.WRITE);
                        if (ch.tryLock() == null) { System.out.println("busy"); return; }
                        System.out.println("locked");
                        Thread.sleep(600_000);
                    }
                }
                """);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path lockFile = root.resolve(".isengard-pending").resolve("other").resolve(".lock");
        Process p = new ProcessBuilder(java.toString(), holder.toString(), lockFile.toString())
                .redirectErrorStream(true).start();
        try {
            String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(line).isEqualTo("locked");
            try (FilesystemStorageArea me = new FilesystemStorageArea(root, false, "me");
                    StorageArea.Leftovers leftovers = me.claimLeftovers()) {
                assertThat(leftovers.uuids()).as("the other node runs (in another process)").isEmpty();
            }
            assertThatThrownBy(() -> new FilesystemStorageArea(root, false, "other"))
                    .hasMessageContaining("in use by another running server");
        } finally {
            p.destroyForcibly(); // SIGKILL
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (FilesystemStorageArea me = new FilesystemStorageArea(root, false, "me");
                StorageArea.Leftovers leftovers = me.claimLeftovers()) {
            assertThat(leftovers.uuids()).as("after the kill").containsExactly(leftover);
        }
    }

    @Test
    void leftoversOfTheSingleFolderLayoutAndScratchCopiesAreHandled() throws IOException {
        Path pending = root.resolve(".isengard-pending");
        Files.createDirectories(pending);
        String legacy = UUID.randomUUID().toString();
        Files.writeString(pending.resolve(legacy), "from a version with one pending folder");
        FilesystemStorageArea crashed = new FilesystemStorageArea(root, false, "n");
        String scratchOf = UUID.randomUUID().toString();
        Files.writeString(pending.resolve("n").resolve(scratchOf + FilesystemStorageArea.SCRATCH_SUFFIX), "plain");
        crashed.close();
        try (FilesystemStorageArea restarted = new FilesystemStorageArea(root, false, "n");
                StorageArea.Leftovers leftovers = restarted.claimLeftovers()) {
            assertThat(leftovers.uuids()).containsExactly(legacy);
            assertThat(restarted.pendingUuids()).as("the scratch copy is gone").isEmpty();
            leftovers.publish(legacy);
            assertThat(restarted.pathOf(legacy)).hasContent("from a version with one pending folder");
        }
    }

    @Test
    void identifiersThatAreNotPlainFileNamesAreHashed() {
        String orthancDefault = "4c1bb8f3-0d0b2e59-9aa3e6c4-c05b1a83-7d6ae40c";
        assertThat(FilesystemStorageArea.nodeFolderName(orthancDefault)).isEqualTo(orthancDefault);
        for (String odd : new String[] {"..", ".hidden", "a/b", "../../etc", "x".repeat(101), "with space", ""}) {
            assertThat(FilesystemStorageArea.nodeFolderName(odd)).as(odd).matches("[0-9a-f-]{44}");
        }
    }
}
