package io.isengard.server.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Aligned direct buffers for direct I/O (O_DIRECT), kept for reuse:
 * allocating a direct buffer zeroes fresh memory and registers a cleaner,
 * which costs more than the copy it saves.
 *
 * <p>Stored files are written with their head through the page cache and the
 * rest directly ({@link PendingFileOutput}); {@link #openForReading} reads
 * them back the same way, so that sending a file neither fills the page
 * cache with bytes that will not be read again soon nor pays for fresh
 * page-cache memory (see {@link PendingFileOutput} for the figures).
 */
public final class DirectBuffers {
    static final OpenOption DIRECT = com.sun.nio.file.ExtendedOpenOption.DIRECT;
    /** Buffer addresses, file offsets and lengths of direct I/O are multiples of this. */
    public static final int ALIGNMENT = 4096;
    /** Bytes per buffer: a few writes or reads for a typical DICOM file. */
    public static final int CAPACITY = 256 * 1024;
    /** Buffers kept when given back; more concurrent users allocate theirs and leave them to the GC. */
    private static final int KEPT = 48;
    /** The pool of the whole process. */
    public static final DirectBuffers SHARED = new DirectBuffers();

    private final ConcurrentLinkedQueue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger freeCount = new AtomicInteger();
    /** File systems (st_dev) that refused direct I/O: their files are read through the page cache. */
    private final Set<Object> refusing = ConcurrentHashMap.newKeySet();

    private DirectBuffers() {}

    /**
     * {@code ISENGARD_DIRECT_IO=0} in the environment (or the system property
     * {@code isengard.directIo=false}) keeps every byte in the page cache: for
     * a server whose clients mostly download the files it has just received.
     */
    static boolean switchedOff() {
        return "0".equals(System.getenv("ISENGARD_DIRECT_IO"))
                || "false".equalsIgnoreCase(System.getProperty("isengard.directIo"));
    }

    /**
     * Whether files in this folder can be written with direct I/O in blocks of
     * {@link #ALIGNMENT}: tries it on a file of its own, which it removes.
     * File systems without O_DIRECT refuse the open or the write.
     */
    static boolean supported(Path folder) {
        if (switchedOff()) {
            return false;
        }
        Path probe = folder.resolve(".direct-io-probe");
        try {
            long block = Files.getFileStore(folder).getBlockSize();
            if (block > ALIGNMENT || ALIGNMENT % block != 0) {
                return false;
            }
            try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, DIRECT)) {
                ByteBuffer one = SHARED.take();
                try {
                    ch.write(one.limit(ALIGNMENT), 0);
                } finally {
                    SHARED.give(one);
                }
            }
            return true;
        } catch (IOException | UnsupportedOperationException notHere) {
            return false;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // a probe file left behind is rewritten by the next start
            }
        }
    }

    /** A buffer of {@link #CAPACITY} bytes at an aligned address, cleared. */
    public ByteBuffer take() {
        ByteBuffer b = free.poll();
        if (b != null) {
            freeCount.decrementAndGet();
            return b;
        }
        return ByteBuffer.allocateDirect(CAPACITY + ALIGNMENT).alignedSlice(ALIGNMENT).limit(CAPACITY).slice();
    }

    /** Takes a buffer back; call only when nothing else refers to it any more. */
    public void give(ByteBuffer b) {
        b.clear();
        if (freeCount.incrementAndGet() <= KEPT) {
            free.offer(b);
        } else {
            freeCount.decrementAndGet();
        }
    }

    /**
     * Opens a file to read it whole and in order: its first
     * {@link PendingFileOutput#HEAD} bytes through the page cache (where the
     * storage area left them), the rest with direct I/O where the file system
     * allows it.
     */
    public SequentialFile openForReading(Path file) throws IOException {
        FileChannel cached = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = cached.size();
            FileChannel direct = size > PendingFileOutput.HEAD && !switchedOff() ? openDirect(file) : null;
            return new SequentialFile(cached, direct, size);
        } catch (IOException | RuntimeException e) {
            cached.close();
            throw e;
        }
    }

    private FileChannel openDirect(Path file) throws IOException {
        Object device = null;
        if (!refusing.isEmpty()) {
            device = Files.getAttribute(file, "unix:dev");
            if (refusing.contains(device)) {
                return null;
            }
        }
        try {
            return FileChannel.open(file, StandardOpenOption.READ, DIRECT);
        } catch (IOException | UnsupportedOperationException refused) {
            if (!Files.exists(file)) {
                throw refused instanceof IOException io ? io : new IOException(refused);
            }
            refusing.add(device != null ? device : Files.getAttribute(file, "unix:dev"));
            return null;
        }
    }

    /** A file open for {@link #openForReading}; reads go to buffers from {@link #take()}. */
    public static final class SequentialFile implements AutoCloseable {
        private final FileChannel cached;
        private final FileChannel direct;
        private final long size;

        SequentialFile(FileChannel cached, FileChannel direct, long size) {
            this.cached = cached;
            this.direct = direct;
            this.size = size;
        }

        public long size() {
            return size;
        }

        /**
         * Reads the bytes at {@code position} into {@code buffer} (cleared,
         * from {@link #take()}), up to its capacity or the end of the file, and
         * flips it. Positions are those this method leaves: 0, then each time
         * the previous position plus what it read.
         */
        public void read(ByteBuffer buffer, long position) throws IOException {
            buffer.clear();
            boolean viaCache = direct == null || position < PendingFileOutput.HEAD;
            long left = size - position;
            int want = (int) Math.min(left, viaCache && direct != null
                    ? PendingFileOutput.HEAD - position : buffer.capacity());
            if (viaCache) {
                buffer.limit(want);
                readFully(cached, buffer, position);
            } else {
                // Whole blocks: the last read asks past the end of the file and gets what is there.
                buffer.limit((want + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT);
                while (buffer.position() < want) {
                    int n = direct.read(buffer, position + buffer.position());
                    if (n <= 0 || buffer.position() % ALIGNMENT != 0) {
                        break; // the end of the file (a read after it would not be aligned)
                    }
                }
            }
            if (buffer.position() < want) {
                throw new java.io.EOFException("the file ended after " + (position + buffer.position())
                        + " of its " + size + " bytes");
            }
            buffer.limit(want).position(0);
        }

        private static void readFully(FileChannel ch, ByteBuffer buffer, long position) throws IOException {
            while (buffer.hasRemaining()) {
                if (ch.read(buffer, position + buffer.position()) <= 0) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            try (FileChannel c = cached) {
                if (direct != null) {
                    direct.close();
                }
            }
        }
    }
}
