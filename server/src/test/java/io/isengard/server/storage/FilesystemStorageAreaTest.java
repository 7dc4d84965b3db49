package io.isengard.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemStorageAreaTest {
    @TempDir
    Path root;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static StorageArea.PendingFile write(FilesystemStorageArea area, String uuid, String content)
            throws IOException {
        StorageArea.PendingFile f = area.create(uuid);
        f.output().write(bytes(content));
        f.seal();
        return f;
    }

    @Test
    void aPublishedFileLivesAtXxYyUuidAsInOrthanc() throws IOException {
        FilesystemStorageArea area = new FilesystemStorageArea(root, true);
        String uuid = "3f0c9a4e-1b2d-4c5e-8f90-a1b2c3d4e5f6";
        try (StorageArea.PendingFile f = write(area, uuid, "hello")) {
            assertThat(area.pendingUuids()).containsExactly(uuid);
            assertThat(root.resolve("3f")).doesNotExist();
            assertThatThrownBy(() -> area.read(uuid, 0, -1)).as("not readable before publish")
                    .isInstanceOf(NoSuchFileException.class).hasMessageContaining(uuid);
            f.publish();
        }
        Path expected = root.resolve("3f").resolve("0c").resolve(uuid);
        assertThat(area.pathOf(uuid)).isEqualTo(expected);
        assertThat(area.localFile(uuid)).contains(expected);
        assertThat(expected).hasBinaryContent(bytes("hello"));
        assertThat(area.pendingUuids()).as("closing after publish keeps the file").isEmpty();
        assertThat(area.size(uuid)).isEqualTo(5);
    }

    @Test
    void publishingWhileRemovalsEmptyTheSameFoldersNeverFails() throws Exception {
        // Every UUID below shares xx/ = "ab" and one of two xx/yy/: the remover keeps deleting the
        // last file of a folder (which removes the folder) while the publisher needs it.
        FilesystemStorageArea area = new FilesystemStorageArea(root, false);
        int n = 400;
        java.util.concurrent.BlockingQueue<String> published = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread remover = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    area.remove(published.take());
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        for (int i = 0; i < n; i++) {
            String uuid = String.format("ab%02x%04x-0000-4000-8000-%012x", i % 2, i, i);
            try (StorageArea.PendingFile f = write(area, uuid, "x")) {
                f.publish();
            }
            assertThat(area.pathOf(uuid)).exists();
            published.put(uuid);
        }
        remover.join();
        assertThat(root.resolve("ab")).doesNotExist();
    }

    @Test
    void closingWithoutPublishingDiscardsThePendingFile() throws IOException {
        FilesystemStorageArea area = new FilesystemStorageArea(root, false);
        String uuid = UUID.randomUUID().toString();
        try (StorageArea.PendingFile f = area.create(uuid)) {
            f.output().write(bytes("partial"));
            // an exception while writing: never sealed, never published
        }
        assertThat(area.pendingUuids()).isEmpty();
        assertThat(area.pathOf(uuid)).doesNotExist();
        try (StorageArea.PendingFile f = write(area, uuid, "sealed")) {
            assertThat(area.pendingUuids()).containsExactly(uuid);
        }
        assertThat(area.pendingUuids()).as("sealed but the index did not commit").isEmpty();
        assertThat(area.pathOf(uuid)).doesNotExist();
    }

    @Test
    void aUuidIsWrittenOnce() throws IOException {
        FilesystemStorageArea area = new FilesystemStorageArea(root, false);
        String uuid = UUID.randomUUID().toString();
        try (StorageArea.PendingFile f = area.create(uuid)) {
            assertThatThrownBy(() -> area.create(uuid)).isInstanceOf(FileAlreadyExistsException.class);
        }
    }

    @Test
    void rangesAreReadFromAnOffsetForALength() throws IOException {
        FilesystemStorageArea area = new FilesystemStorageArea(root, false);
        String uuid = UUID.randomUUID().toString();
        try (StorageArea.PendingFile f = write(area, uuid, "0123456789")) {
            f.publish();
        }
        assertThat(readAll(area.read(uuid, 0, -1))).isEqualTo(bytes("0123456789"));
        assertThat(readAll(area.read(uuid, 3, 4))).isEqualTo(bytes("3456"));
        assertThat(readAll(area.read(uuid, 7, -1))).isEqualTo(bytes("789"));
        assertThat(readAll(area.read(uuid, 8, 100))).isEqualTo(bytes("89"));
        assertThat(readAll(area.read(uuid, 10, 5))).isEmpty();
    }

    @Test
    void removingDeletesTheFileAndTheFoldersItLeavesEmpty() throws IOException {
        FilesystemStorageArea area = new FilesystemStorageArea(root, false);
        String a = "abcd0000-0000-4000-8000-000000000001";
        String b = "abcd0000-0000-4000-8000-000000000002";
        String c = "ab990000-0000-4000-8000-000000000003";
        for (String uuid : new String[] {a, b, c}) {
            try (StorageArea.PendingFile f = write(area, uuid, uuid)) {
                f.publish();
            }
        }
        area.remove(a);
        assertThat(area.pathOf(a)).doesNotExist();
        assertThat(root.resolve("ab").resolve("cd")).as("b still lives there").isDirectory();
        area.remove(b);
        assertThat(root.resolve("ab").resolve("cd")).doesNotExist();
        assertThat(root.resolve("ab")).as("c still lives in ab/99").isDirectory();
        area.remove(c);
        assertThat(root.resolve("ab")).doesNotExist();
        area.remove(c); // absent: no error
        assertThat(root.resolve(FilesystemStorageArea.PENDING_DIRECTORY)).isDirectory();

        // A file published again into a folder that was removed.
        try (StorageArea.PendingFile f = write(area, a, "again")) {
            f.publish();
        }
        assertThat(area.pathOf(a)).hasBinaryContent(bytes("again"));
    }

    @Test
    void crashLeftoversArePublishedOrDiscardedByUuid() throws IOException {
        FilesystemStorageArea area = new FilesystemStorageArea(root, true);
        String committed = UUID.randomUUID().toString();
        String abandoned = UUID.randomUUID().toString();
        write(area, committed, "committed"); // never closed: the process "died"
        write(area, abandoned, "abandoned");
        area.close(); // what the death of the process does to its lock
        FilesystemStorageArea restarted = new FilesystemStorageArea(root, true);
        try (StorageArea.Leftovers leftovers = restarted.claimLeftovers()) {
            assertThat(leftovers.uuids()).containsExactlyInAnyOrder(committed, abandoned);
            leftovers.publish(committed);
            leftovers.discard(abandoned);
        }
        assertThat(restarted.pendingUuids()).isEmpty();
        assertThat(readAll(restarted.read(committed, 0, -1))).isEqualTo(bytes("committed"));
        assertThat(restarted.pathOf(abandoned)).doesNotExist();
    }

    @Test
    void onlyUuidsNameFiles() throws IOException {
        FilesystemStorageArea area = new FilesystemStorageArea(root, false);
        for (String bad : new String[] {"../../etc/passwd", "ab", "ABCDEF-12", "abc/def", ""}) {
            assertThatThrownBy(() -> area.create(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> area.read(bad, 0, -1)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> area.remove(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Files.list(root)).containsExactly(root.resolve(FilesystemStorageArea.PENDING_DIRECTORY));
    }
}
