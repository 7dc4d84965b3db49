package io.isengard.server.storage;

import io.isengard.server.model.FileInfo;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Attachments on top of a {@link StorageArea}: optional zlib compression
 * (Orthanc's "ZlibWithSize": 8-byte little-endian uncompressed size, then a
 * zlib stream) and MD5 of what is stored and of what it decompresses to.
 */
public final class AttachmentStore {
    private final StorageArea area;
    private final boolean compress;
    private final boolean storeMd5;

    public AttachmentStore(StorageArea area, boolean compress, boolean storeMd5) {
        this.area = area;
        this.compress = compress;
        this.storeMd5 = storeMd5;
    }

    public StorageArea area() {
        return area;
    }

    public boolean compresses() {
        return compress;
    }

    /** Starts a new attachment of the given content type with a fresh UUID, compressed as configured. */
    public Writer begin(int contentType) throws IOException {
        return begin(contentType, compress);
    }

    /** Starts a new attachment stored compressed or not, whatever the configuration says (compress/uncompress). */
    public Writer begin(int contentType, boolean compressed) throws IOException {
        StorageArea.PendingFile pending = area.create(UUID.randomUUID().toString());
        try {
            return new Writer(pending, contentType, compressed);
        } catch (IOException | RuntimeException e) {
            try {
                pending.close(); // no scratch copy (a full disk, say): the pending file goes too
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** Whether MD5s of attachments are recorded ("StoreMD5ForAttachments"). */
    public boolean storesMd5() {
        return storeMd5;
    }

    /** The attachment's bytes as they were given (decompressed). */
    public InputStream openUncompressed(FileInfo info) throws IOException {
        InputStream stored = area.read(info.uuid(), 0, -1);
        if (!info.isCompressed()) {
            return stored;
        }
        stored.skipNBytes(8);
        Inflater inflater = new Inflater();
        // An Inflater given to InflaterInputStream is not ended by close(): end it, or its native
        // memory waits for the garbage collector.
        return new InflaterInputStream(stored, inflater, 64 * 1024) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    inflater.end();
                }
            }
        };
    }

    /** The stored bytes (compressed if the attachment is), optionally a range of them. */
    public InputStream openStored(FileInfo info, long offset, long length) throws IOException {
        return area.read(info.uuid(), offset, length);
    }

    /**
     * Whether the stored bytes still have the recorded MD5s (Orthanc's
     * verify-md5): the stored form first, then, if it is compressed, what
     * it decompresses to. False when no MD5 is recorded.
     */
    public boolean verifyMd5(FileInfo info) throws IOException {
        if (info.compressedMd5() == null || info.uncompressedMd5() == null) {
            return false;
        }
        try (InputStream stored = openStored(info, 0, -1)) {
            if (!info.compressedMd5().equals(md5Of(stored))) {
                return false;
            }
        }
        if (!info.isCompressed()) {
            return true;
        }
        try (InputStream plain = openUncompressed(info)) {
            return info.uncompressedMd5().equals(md5Of(plain));
        } catch (java.util.zip.ZipException | java.io.EOFException corrupted) {
            return false;
        }
    }

    private static String md5Of(InputStream in) throws IOException {
        MessageDigest md = md5();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            md.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    public void remove(String uuid) throws IOException {
        area.remove(uuid);
    }

    /**
     * Receives the uncompressed bytes of one attachment. Without compression
     * they stream straight to the pending file; with it they go to the
     * pending file's scratch copy first, because the stored form starts with
     * their size.
     */
    public final class Writer implements AutoCloseable {
        private final StorageArea.PendingFile pending;
        private final int contentType;
        private final boolean compress;
        private final CountingOutputStream counter;
        private final SideDigestOutputStream digesting;
        private final OutputStream sink;
        private final Path plainCopy;
        private FileInfo info;

        Writer(StorageArea.PendingFile pending, int contentType, boolean compress) throws IOException {
            this.pending = pending;
            this.contentType = contentType;
            this.compress = compress;
            OutputStream target;
            if (compress) {
                plainCopy = pending.scratchFile();
                target = Files.newOutputStream(plainCopy);
            } else {
                plainCopy = null;
                target = pending.output();
            }
            counter = new CountingOutputStream(target);
            digesting = storeMd5 ? new SideDigestOutputStream(counter, md5()) : null;
            sink = new BufferedOutputStream(digesting != null ? digesting : counter, 64 * 1024);
        }

        public String uuid() {
            return pending.uuid();
        }

        /** Where to write the attachment's (uncompressed) bytes. */
        public OutputStream output() {
            return sink;
        }

        /** Ends writing, seals the pending file and describes it. */
        public FileInfo finish() throws IOException {
            sink.flush();
            long size = counter.count();
            if (!compress) {
                pending.seal(); // the fsyncs wait for the disk while the MD5 of the last chunks is computed
                String md5 = md5Hex(digesting);
                info = new FileInfo(pending.uuid(), contentType, size, md5, size, md5, FileInfo.COMPRESSION_NONE, 0);
                return info;
            }
            String md5 = md5Hex(digesting);
            sink.close();
            MessageDigest storedMd5 = md5();
            CountingOutputStream storedCounter = new CountingOutputStream(pending.output());
            OutputStream stored = storeMd5 ? new DigestOutputStream(storedCounter, storedMd5) : storedCounter;
            stored.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(size).array());
            try (InputStream in = Files.newInputStream(plainCopy);
                    DeflaterOutputStream z = new DeflaterOutputStream(new NonClosing(stored), true)) {
                in.transferTo(z);
            }
            Files.delete(plainCopy); // compressed: not needed any more
            stored.flush();
            pending.seal();
            String cmd5 = storeMd5 ? HexFormat.of().formatHex(storedMd5.digest()) : null;
            info = new FileInfo(pending.uuid(), contentType, size, md5, storedCounter.count(), cmd5,
                    FileInfo.COMPRESSION_ZLIB_WITH_SIZE, 0);
            return info;
        }

        private static String md5Hex(SideDigestOutputStream digesting) throws IOException {
            return digesting == null ? null : HexFormat.of().formatHex(digesting.digest());
        }

        /** Puts the sealed file in place; call after the index committed. */
        public void publish() throws IOException {
            pending.publish();
        }

        /** Discards the attachment unless it was published. */
        @Override
        public void close() throws IOException {
            try {
                if (digesting != null) {
                    digesting.abandon(); // ends its thread if the digest was never taken
                }
                pending.close();
            } finally {
                if (plainCopy != null) {
                    Files.deleteIfExists(plainCopy);
                }
            }
        }
    }

    private static MessageDigest md5() {
        return io.isengard.server.model.Md5.digest();
    }

    /** Counts bytes on their way to a stream. */
    static final class CountingOutputStream extends FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        long count() {
            return count;
        }
    }

    /** Lets a deflater finish without closing the pending file's stream. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
