package io.isengard.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stored files written with their head through the page cache and the rest by
 * direct I/O ({@link PendingFileOutput}), and read back the same way
 * ({@link DirectBuffers#openForReading}): every size around the head, the
 * blocks and the buffers, written in chunks of every shape.
 */
class DirectIoTest {
    private static final int HEAD = PendingFileOutput.HEAD;
    private static final int BLOCK = DirectBuffers.ALIGNMENT;
    private static final int BUFFER = DirectBuffers.CAPACITY;

    @TempDir
    Path root;

    static Stream<Arguments> sizesAndChunks() {
        List<Integer> sizes = List.of(0, 1, BLOCK - 1, HEAD - 1, HEAD, HEAD + 1, HEAD + BLOCK - 1, HEAD + BLOCK,
                HEAD + BUFFER - 1, HEAD + BUFFER, HEAD + BUFFER + 1, 525_354, 3 * BUFFER + 17);
        return sizes.stream().flatMap(size -> Stream.of(1, 7, 65_536, Integer.MAX_VALUE)
                .filter(chunk -> chunk > 1 || size < 2 * HEAD)
                .map(chunk -> Arguments.of(size, chunk)));
    }

    @Test
    void theFileSystemsOfThisMachineTakeDirectIo() throws IOException {
        // Linux's ext4, XFS and Btrfs take O_DIRECT, tmpfs since Linux 6.6: a probe that says
        // otherwise there is broken, and every file would go through the page cache again.
        String type = Files.getFileStore(root).type();
        FilesystemStorageArea area = new FilesystemStorageArea(root, true);
        if (Set.of("ext4", "xfs", "btrfs").contains(type)) {
            assertThat(area.writesDirectly()).as("direct I/O on %s", type).isTrue();
        }
        assertThat(root.resolve(FilesystemStorageArea.PENDING_DIRECTORY)).isDirectory();
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).as("the probe file is removed")
                    .doesNotContain(".direct-io-probe");
        }
    }

    @Test
    void directIoCanBeSwitchedOff() throws IOException {
        System.setProperty("isengard.directIo", "false");
        try {
            assertThat(new FilesystemStorageArea(root.resolve("a"), true).writesDirectly()).isFalse();
        } finally {
            System.clearProperty("isengard.directIo");
        }
        if (Set.of("ext4", "xfs", "btrfs").contains(Files.getFileStore(root).type())) {
            assertThat(new FilesystemStorageArea(root.resolve("b"), true).writesDirectly()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0} bytes in chunks of {1}")
    @MethodSource("sizesAndChunks")
    void aFileReadsBackAsWritten(int size, int chunk) throws IOException {
        FilesystemStorageArea area = new FilesystemStorageArea(root, true);
        byte[] content = new byte[size];
        new Random(size * 31L + chunk).nextBytes(content);
        String uuid = "0123abcd-0000-4000-8000-" + String.format("%012d", size);
        try (StorageArea.PendingFile f = area.create(uuid)) {
            OutputStream out = f.output();
            for (int at = 0; at < size; at += chunk) {
                int n = Math.min(chunk, size - at);
                if (n == 1) {
                    out.write(content[at]);
                } else {
                    out.write(content, at, n);
                }
                out.flush(); // a wrapper's flush in the middle of a file must not break the blocks
            }
            f.seal();
            f.publish();
        }
        Path file = area.pathOf(uuid);
        assertThat(Files.size(file)).isEqualTo(size);
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(readSequentially(file)).isEqualTo(content);
    }

    @Test
    void aFileThatAnotherWriterLeftInThePageCacheReadsBackTheSame() throws IOException {
        // Files that Orthanc or an older Isengard wrote, wholly through the page cache.
        byte[] content = new byte[HEAD + BUFFER + 12_345];
        new Random(7).nextBytes(content);
        Path file = Files.write(root.resolve("buffered.dcm"), content);
        assertThat(readSequentially(file)).isEqualTo(content);
    }

    @Test
    void anUnpublishedFileLeavesNothing() throws IOException {
        FilesystemStorageArea area = new FilesystemStorageArea(root, true);
        byte[] content = new byte[HEAD + BUFFER + 1];
        try (StorageArea.PendingFile f = area.create("0123abcd-0000-4000-8000-00000000dead")) {
            f.output().write(content);
        }
        assertThat(area.pendingUuids()).isEmpty();
    }

    private static byte[] readSequentially(Path file) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        ByteBuffer buffer = DirectBuffers.SHARED.take();
        try (DirectBuffers.SequentialFile source = DirectBuffers.SHARED.openForReading(file)) {
            long position = 0;
            while (position < source.size()) {
                source.read(buffer, position);
                assertThat(buffer.remaining()).as("a read at %d", position).isPositive();
                position += buffer.remaining();
                byte[] part = new byte[buffer.remaining()];
                buffer.get(part);
                read.write(part);
            }
            assertThat(source.size()).isEqualTo(Files.size(file));
        } finally {
            DirectBuffers.SHARED.give(buffer);
        }
        return read.toByteArray();
    }
}
