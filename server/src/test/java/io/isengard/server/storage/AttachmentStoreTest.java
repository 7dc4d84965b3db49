package io.isengard.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.server.model.FileInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachmentStoreTest {
    @TempDir
    Path root;

    static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    /** 3 MB that compress (repeated text) with a stretch that does not (random bytes). */
    static byte[] sample() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] line = "DICOM attachment line, compressible\n".getBytes();
        while (out.size() < 2_500_000) {
            out.writeBytes(line);
        }
        byte[] noise = new byte[500_000];
        new Random(42).nextBytes(noise);
        out.writeBytes(noise);
        return out.toByteArray();
    }

    private static FileInfo store(AttachmentStore store, int type, byte[] content, boolean publish) throws IOException {
        try (AttachmentStore.Writer w = store.begin(type)) {
            // In pieces, as a stream arrives.
            for (int off = 0; off < content.length; off += 70_000) {
                w.output().write(content, off, Math.min(70_000, content.length - off));
            }
            FileInfo info = w.finish();
            assertThat(info.uuid()).isEqualTo(w.uuid());
            if (publish) {
                w.publish();
            }
            return info;
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    @Test
    void uncompressedAttachmentsAreStoredAsGivenWithTheirMd5() throws Exception {
        FilesystemStorageArea area = new FilesystemStorageArea(root, true);
        AttachmentStore store = new AttachmentStore(area, false, true);
        byte[] content = sample();
        FileInfo info = store(store, 1, content, true);
        assertThat(info.contentType()).isEqualTo(1);
        assertThat(info.compressionType()).isEqualTo(FileInfo.COMPRESSION_NONE);
        assertThat(info.isCompressed()).isFalse();
        assertThat(info.uncompressedSize()).isEqualTo(content.length);
        assertThat(info.compressedSize()).isEqualTo(content.length);
        assertThat(info.uncompressedMd5()).isEqualTo(md5(content)).isEqualTo(info.compressedMd5());
        assertThat(info.revision()).isZero();
        assertThat(area.pathOf(info.uuid())).hasBinaryContent(content);
        assertThat(readAll(store.openUncompressed(info))).isEqualTo(content);
        assertThat(readAll(store.openStored(info, 10, 5))).isEqualTo(Arrays.copyOfRange(content, 10, 15));
    }

    @Test
    void compressedAttachmentsAreZlibWithSizeWithTheMd5OfBothForms() throws Exception {
        FilesystemStorageArea area = new FilesystemStorageArea(root, false);
        AttachmentStore store = new AttachmentStore(area, true, true);
        assertThat(store.compresses()).isTrue();
        byte[] content = sample();
        FileInfo info = store(store, 1024, content, true);
        byte[] stored = Files.readAllBytes(area.pathOf(info.uuid()));

        assertThat(info.compressionType()).isEqualTo(FileInfo.COMPRESSION_ZLIB_WITH_SIZE);
        assertThat(info.uncompressedSize()).isEqualTo(content.length);
        assertThat(info.compressedSize()).isEqualTo(stored.length).isLessThan(content.length);
        assertThat(info.uncompressedMd5()).isEqualTo(md5(content));
        assertThat(info.compressedMd5()).isEqualTo(md5(stored));
        // The format, decoded independently: 8-byte little-endian size, then one zlib stream.
        assertThat(ByteBuffer.wrap(stored, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong()).isEqualTo(content.length);
        assertThat(stored[8] & 0x0F).as("zlib header: deflate method").isEqualTo(8);
        Inflater inflater = new Inflater();
        inflater.setInput(stored, 8, stored.length - 8);
        byte[] out = new byte[content.length + 1];
        int n = 0;
        while (!inflater.finished()) {
            n += inflater.inflate(out, n, out.length - n);
        }
        assertThat(inflater.getRemaining()).as("nothing after the zlib stream").isZero();
        inflater.end();
        assertThat(Arrays.copyOf(out, n)).isEqualTo(content);

        assertThat(readAll(store.openUncompressed(info))).isEqualTo(content);
        assertThat(readAll(store.openStored(info, 0, -1))).isEqualTo(stored);
    }

    @Test
    void filesCompressedByOrthancAreRead() throws Exception {
        // What Orthanc's ZlibCompressor writes: the size, then compress2() output (zlib, best speed).
        byte[] content = sample();
        Deflater d = new Deflater(Deflater.BEST_SPEED);
        d.setInput(content);
        d.finish();
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        z.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(content.length).array());
        byte[] buf = new byte[65536];
        while (!d.finished()) {
            z.write(buf, 0, d.deflate(buf));
        }
        d.end();
        FilesystemStorageArea area = new FilesystemStorageArea(root, false);
        String uuid = "0a1b2c3d-0000-4000-8000-000000000000";
        try (StorageArea.PendingFile f = area.create(uuid)) {
            f.output().write(z.toByteArray());
            f.seal();
            f.publish();
        }
        FileInfo info = new FileInfo(uuid, 1, content.length, md5(content), z.size(), md5(z.toByteArray()),
                FileInfo.COMPRESSION_ZLIB_WITH_SIZE, 0);
        assertThat(readAll(new AttachmentStore(area, false, true).openUncompressed(info))).isEqualTo(content);
    }

    @Test
    void uncompressedAttachmentsHaveTheMd5OfTheirBytesWithAndWithoutFsync() throws Exception {
        for (boolean sync : new boolean[] {true, false}) {
            AttachmentStore store = new AttachmentStore(new FilesystemStorageArea(root.resolve("sync-" + sync), sync),
                    false, true);
            for (byte[] content : new byte[][] {sample(), new byte[0], new byte[] {42}}) {
                FileInfo info = store(store, 1, content, true);
                assertThat(info.uncompressedMd5()).as("sync %s, %d bytes", sync, content.length)
                        .isEqualTo(md5(content)).isEqualTo(info.compressedMd5());
                assertThat(readAll(store.openUncompressed(info))).isEqualTo(content);
            }
        }
    }

    @Test
    void emptyAttachmentsAndAttachmentsWithoutMd5() throws Exception {
        FilesystemStorageArea area = new FilesystemStorageArea(root, false);
        FileInfo empty = store(new AttachmentStore(area, true, true), 1025, new byte[0], true);
        assertThat(empty.uncompressedSize()).isZero();
        assertThat(empty.uncompressedMd5()).isEqualTo(md5(new byte[0]));
        assertThat(readAll(new AttachmentStore(area, true, true).openUncompressed(empty))).isEmpty();

        FileInfo noMd5 = store(new AttachmentStore(area, true, false), 1026, new byte[] {1, 2, 3}, true);
        assertThat(noMd5.uncompressedMd5()).isNull();
        assertThat(noMd5.compressedMd5()).isNull();
        assertThat(noMd5.uncompressedSize()).isEqualTo(3);
        FileInfo plainNoMd5 = store(new AttachmentStore(area, false, false), 1027, new byte[] {1, 2, 3}, true);
        assertThat(plainNoMd5.uncompressedMd5()).isNull();
        assertThat(plainNoMd5.compressedMd5()).isNull();
    }

    @Test
    void anAttachmentNotPublishedLeavesNothingBehind() throws Exception {
        FilesystemStorageArea area = new FilesystemStorageArea(root, false);
        for (boolean compress : new boolean[] {false, true}) {
            FileInfo info = store(new AttachmentStore(area, compress, true), 1, sample(), false);
            assertThat(area.pathOf(info.uuid())).doesNotExist();
        }
        assertThat(area.pendingUuids()).as("pending files and scratch copies removed").isEmpty();
        try (var s = Files.walk(root)) {
            assertThat(s.filter(Files::isRegularFile)).as("nothing but the pending folder's lock")
                    .containsExactly(root.resolve(".isengard-pending").resolve("local").resolve(".lock"));
        }
    }

    @Test
    void theUncompressedCopyOfACompressedUploadLivesBesideItsPendingFile() throws Exception {
        // Not in the system's temp folder: a crash would leave it there for good, while the next
        // start of a node removes it from the pending folder.
        FilesystemStorageArea area = new FilesystemStorageArea(root, false);
        try (AttachmentStore.Writer w = new AttachmentStore(area, true, true).begin(1)) {
            w.output().write(sample());
            w.output().flush();
            assertThat(area.pendingUuids()).containsExactly(w.uuid(), w.uuid() + ".uncompressed");
            w.finish();
        }
        assertThat(area.pendingUuids()).isEmpty();
    }

    @Test
    void aCompressedWriteThatCannotMakeItsScratchCopyLeavesNoPendingFile() throws Exception {
        FilesystemStorageArea area = new FilesystemStorageArea(root, false);
        StorageArea full = new ForwardingStorageArea(area) { // the second file is refused: a full disk
            @Override
            public PendingFile create(String uuid) throws IOException {
                return new ForwardingPendingFile(area.create(uuid)) {
                    @Override
                    public Path scratchFile() throws IOException {
                        throw new IOException("No space left on device");
                    }
                };
            }
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AttachmentStore(full, true, true).begin(1))
                .hasMessageContaining("No space left on device");
        assertThat(area.pendingUuids()).isEmpty();
    }
}
