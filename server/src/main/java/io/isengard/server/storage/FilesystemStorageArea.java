package io.isengard.server.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Orthanc's file-system layout: {@code <root>/<uuid[0:2]>/<uuid[2:4]>/<uuid>}.
 * Pending files are written under {@code <root>/.isengard-pending/<uuid>}, on
 * the same file system so that publishing is an atomic rename.
 */
public final class FilesystemStorageArea implements StorageArea {
    static final String PENDING_DIRECTORY = ".isengard-pending";

    private final Path root;
    private final Path pending;
    private final boolean sync;
    // Pending files get increasing numbers as they are created; syncedUpTo is the highest that a
    // completed fsync of the pending folder covers (see syncPendingDirectory).
    private final AtomicLong created = new AtomicLong();
    private final ReentrantLock directorySync = new ReentrantLock();
    private long syncedUpTo;

    public FilesystemStorageArea(Path root, boolean sync) throws IOException {
        this.root = root;
        this.pending = root.resolve(PENDING_DIRECTORY);
        this.sync = sync;
        Files.createDirectories(pending);
    }

    public Path root() {
        return root;
    }

    /** The place of an attachment: {@code xx/yy/uuid}. */
    public Path pathOf(String uuid) {
        checkUuid(uuid);
        return root.resolve(uuid.substring(0, 2)).resolve(uuid.substring(2, 4)).resolve(uuid);
    }

    private static void checkUuid(String uuid) {
        if (uuid.length() < 5 || !uuid.matches("[0-9a-f-]+")) {
            throw new IllegalArgumentException("not an attachment UUID: " + uuid);
        }
    }

    @Override
    public PendingFile create(String uuid) throws IOException {
        checkUuid(uuid);
        Path tmp = pending.resolve(uuid);
        FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new FilePending(uuid, tmp, ch, created.incrementAndGet());
    }

    @Override
    public InputStream read(String uuid, long offset, long length) throws IOException {
        Path p = pathOf(uuid);
        FileChannel ch;
        try {
            ch = FileChannel.open(p, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(p.toString(), null, "the storage area has no file for attachment " + uuid);
        }
        ch.position(offset);
        InputStream in = Channels.newInputStream(ch);
        return length < 0 ? in : new BoundedInputStream(in, length);
    }

    @Override
    public long size(String uuid) throws IOException {
        return Files.size(pathOf(uuid));
    }

    @Override
    public Optional<Path> localFile(String uuid) {
        return Optional.of(pathOf(uuid));
    }

    @Override
    public void remove(String uuid) throws IOException {
        Path p = pathOf(uuid);
        Files.deleteIfExists(p);
        // Orthanc removes the two levels of folders once they are empty.
        deleteIfEmpty(p.getParent());
        deleteIfEmpty(p.getParent().getParent());
    }

    private static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException notEmptyOrRace) {
            // Another file lives there (or is being written): keep the folder.
        }
    }

    @Override
    public List<String> pendingUuids() throws IOException {
        List<String> uuids = new ArrayList<>();
        try (Stream<Path> s = Files.list(pending)) {
            s.forEach(p -> uuids.add(p.getFileName().toString()));
        }
        return uuids;
    }

    @Override
    public void publishPending(String uuid) throws IOException {
        moveIntoPlace(pending.resolve(uuid), pathOf(uuid));
    }

    @Override
    public void discardPending(String uuid) throws IOException {
        Files.deleteIfExists(pending.resolve(uuid));
    }

    private void moveIntoPlace(Path from, Path to) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                ensureDirectory(to.getParent());
                try {
                    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
                }
                return;
            } catch (NoSuchFileException e) {
                // remove() of the last other file of xx/yy deleted a folder between our
                // check and the move (or between making xx/ and xx/yy/): make it again
                // (a missing source fails for good).
                if (attempt >= 5 || !Files.exists(from)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Makes the creation of pending files durable (fsync of a file covers its
     * bytes, not its name). One fsync of the folder covers every file created
     * before it started, so concurrent uploads share them: a caller waits for
     * a sync that started after its file was created, or runs one itself.
     */
    private void syncPendingDirectory(long createdAs) throws IOException {
        directorySync.lock();
        try {
            if (syncedUpTo >= createdAs) {
                return; // a sync that started after our file was created has completed meanwhile
            }
            long covers = created.get();
            try (FileChannel dir = FileChannel.open(pending, StandardOpenOption.READ)) {
                dir.force(true);
            }
            syncedUpTo = covers;
        } finally {
            directorySync.unlock();
        }
    }

    private static void awaitDirectorySync(java.util.concurrent.FutureTask<Void> directory) throws IOException {
        try {
            directory.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while syncing the pending folder");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot sync the pending folder: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Makes a folder unless it exists. Looking first matters: mkdir takes the
     * parent folder's lock even when the folder is there, and every upload
     * would then queue on the root and on xx/.
     */
    private static void ensureDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        // xx/ first, then xx/yy/: Files.createDirectories would try xx/yy/ first and fail
        // (an exception with its stack trace) whenever xx/ is new.
        for (Path d : new Path[] {dir.getParent(), dir}) {
            if (d != dir && Files.isDirectory(d)) {
                continue; // xx/ is usually there already: an exception per upload costs more than a stat
            }
            try {
                Files.createDirectory(d);
            } catch (FileAlreadyExistsException raceOrExisting) {
                // made by a concurrent upload, or xx/ was already there
            }
        }
    }

    private final class FilePending implements PendingFile {
        private final String uuid;
        private final Path tmp;
        private final FileChannel channel;
        private final OutputStream out;
        private final long createdAs;
        private boolean published;

        FilePending(String uuid, Path tmp, FileChannel channel, long createdAs) {
            this.uuid = uuid;
            this.createdAs = createdAs;
            this.tmp = tmp;
            this.channel = channel;
            this.out = Channels.newOutputStream(channel);
        }

        @Override
        public String uuid() {
            return uuid;
        }

        @Override
        public OutputStream output() {
            return out;
        }

        @Override
        public void seal() throws IOException {
            out.flush();
            if (sync) {
                // The two fsyncs wait for the disk independently: run them side by side, so that an
                // upload waits for the longer one rather than for both in turn.
                java.util.concurrent.FutureTask<Void> directory = new java.util.concurrent.FutureTask<>(() -> {
                    syncPendingDirectory(createdAs);
                    return null;
                });
                Thread.ofVirtual().name("fsync-pending-folder").start(directory);
                channel.force(true);
                awaitDirectorySync(directory);
            }
            channel.close();
        }

        @Override
        public void publish() throws IOException {
            moveIntoPlace(tmp, pathOf(uuid));
            published = true;
        }

        @Override
        public void close() throws IOException {
            if (channel.isOpen()) {
                channel.close();
            }
            if (!published) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
