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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orthanc's file-system layout: {@code <root>/<uuid[0:2]>/<uuid[2:4]>/<uuid>}.
 * Pending files are written under {@code <root>/.isengard-pending/<node>/<uuid>},
 * on the same file system so that publishing is an atomic rename. Each node
 * sharing the storage folder has a pending folder of its own and holds its
 * lock while it runs (see {@link #claimLeftovers()}).
 */
public final class FilesystemStorageArea implements StorageArea, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FilesystemStorageArea.class);
    static final String PENDING_DIRECTORY = ".isengard-pending";
    /** The node name of an area opened without one (tools and tests). */
    static final String DEFAULT_NODE = "local";
    /** Suffix of the scratch copies that a writer makes beside its pending file. */
    static final String SCRATCH_SUFFIX = ".uncompressed";
    /** How long a starting node waits for its pending folder while another node recovers it. */
    static final java.time.Duration OWN_LOCK_WAIT = java.time.Duration.ofSeconds(3);
    private static final java.util.regex.Pattern SAFE_NODE =
            java.util.regex.Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");

    private final Path root;
    private final Path pendingRoot;
    private final Path pending;
    private final boolean sync;
    private final PendingFolderLock lock; // null: read-only, or a file system that cannot lock
    private final boolean directIo;
    // Pending files get increasing numbers as they are created; syncedUpTo is the highest that a
    // completed fsync of the pending folder covers (see syncPendingDirectory).
    private final AtomicLong created = new AtomicLong();
    private final ReentrantLock directorySync = new ReentrantLock();
    private long syncedUpTo;

    public FilesystemStorageArea(Path root, boolean sync) throws IOException {
        this(root, sync, DEFAULT_NODE);
    }

    /**
     * Opens the area for writing as {@code node} (its DatabaseServerIdentifier):
     * makes its pending folder and takes the folder's lock.
     *
     * @throws IOException if a running process holds that lock: another server
     *     with the same identifier uses this storage folder
     */
    public FilesystemStorageArea(Path root, boolean sync, String node) throws IOException {
        this.root = root;
        this.pendingRoot = root.resolve(PENDING_DIRECTORY);
        this.pending = pendingRoot.resolve(nodeFolderName(node));
        this.sync = sync;
        Files.createDirectories(pending);
        this.lock = lockOwnFolder(pending, node, root);
        this.directIo = DirectBuffers.supported(pending);
        if (!directIo) {
            LOG.info("the file system of {} does not take direct I/O: files are written through the page cache",
                    pending);
        }
    }

    private FilesystemStorageArea(Path root) {
        this.root = root;
        this.pendingRoot = root.resolve(PENDING_DIRECTORY);
        this.pending = null;
        this.sync = false;
        this.lock = null;
        this.directIo = false;
    }

    /** Whether files go to the disk by direct I/O after their head (see {@link PendingFileOutput}). */
    boolean writesDirectly() {
        return directIo;
    }

    /** An area that is only read (a ReadOnly server): it makes no folder and takes no lock. */
    public static FilesystemStorageArea forReading(Path root) {
        return new FilesystemStorageArea(root);
    }

    /**
     * The pending folder's name for a node: its identifier when that is a
     * plain file name (Orthanc's default identifiers are), else a hash of it.
     */
    static String nodeFolderName(String node) {
        return SAFE_NODE.matcher(node).matches() ? node : io.isengard.server.model.OrthancId.hash(node);
    }

    private static PendingFolderLock lockOwnFolder(Path folder, String node, Path root) throws IOException {
        // Another node may be recovering this folder (this node crashed before): its claim
        // lasts as long as a few renames, so wait a little before calling the folder taken.
        long deadline = System.nanoTime() + OWN_LOCK_WAIT.toNanos();
        while (true) {
            Optional<PendingFolderLock> taken;
            try {
                taken = PendingFolderLock.tryAcquire(folder);
            } catch (IOException cannotLock) {
                // Without locks nobody can tell a crashed node's files from a running one's; the
                // other nodes then recover only their own folders, which stays safe.
                LOG.warn("cannot lock the pending folder {} ({}): files that a crash of this node leaves there"
                        + " will be recovered by this node only, at its next start", folder, cannotLock.toString());
                return null;
            }
            if (taken.isPresent()) {
                return taken.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the storage folder " + root + " is in use by another running server with the"
                        + " same DatabaseServerIdentifier (\"" + node + "\"): the lock on " + folder + " is held"
                        + " (waited " + OWN_LOCK_WAIT.toSeconds() + " s). Stop that server, or give each server"
                        + " sharing a storage folder its own DatabaseServerIdentifier");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for the lock on " + folder);
            }
        }
    }

    /** Releases the pending folder's lock (files in flight stay, as after a crash). */
    @Override
    public void close() throws IOException {
        if (lock != null) {
            lock.close();
        }
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
        if (pending == null) {
            throw new IllegalStateException("this storage area was opened for reading only");
        }
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
        // java.io.File answers false where Files.delete would throw: the folder usually still holds
        // other files, and an exception (with its stack trace) per folder per removed file costs
        // more than the removal. A folder that another file lives in (or is being written to) stays.
        dir.toFile().delete();
    }

    /**
     * Names of the files in this node's pending folder: files being written,
     * or left by a crash, and their scratch copies (for inspection; recovery
     * goes through {@link #claimLeftovers()}).
     */
    public List<String> pendingUuids() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(pending)) {
            s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().forEach(names::add);
        }
        return names;
    }

    /**
     * Claims this node's pending folder, the pending files that older
     * versions left directly in {@code .isengard-pending}, and the folders
     * of other nodes whose lock is free (they are not running: their files
     * are a crash's leftovers). Scratch copies in them are removed at once.
     */
    @Override
    public Leftovers claimLeftovers() throws IOException {
        return claim(true);
    }

    /**
     * Only the folders of other nodes whose lock is free: what a running
     * node may recover at any time (its own folder holds its files in flight).
     */
    @Override
    public Leftovers claimStoppedNodesLeftovers() throws IOException {
        return claim(false);
    }

    private Leftovers claim(boolean atStartup) throws IOException {
        if (pending == null) {
            throw new IllegalStateException("this storage area was opened for reading only");
        }
        Map<String, Path> files = new LinkedHashMap<>();
        List<PendingFolderLock> claimed = new ArrayList<>();
        try {
            List<Path> folders = new ArrayList<>();
            if (atStartup) {
                folders.add(pending);
            }
            try (Stream<Path> s = Files.list(pendingRoot)) {
                for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                    if (p.equals(pending)) {
                        continue;
                    }
                    if (!Files.isDirectory(p)) {
                        if (atStartup) {
                            addLeftover(p, files); // left by a version with one pending folder for all
                        }
                    } else if (lock != null) {
                        Optional<PendingFolderLock> other = tryLockQuietly(p);
                        if (other.isPresent()) {
                            claimed.add(other.get());
                            folders.add(p);
                        }
                    }
                }
            }
            for (Path folder : folders) {
                try (Stream<Path> s = Files.list(folder)) {
                    for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                        addLeftover(p, files);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            releaseAll(claimed);
            throw e;
        }
        return new Leftovers() {
            @Override
            public List<String> uuids() {
                return List.copyOf(files.keySet());
            }

            @Override
            public void publish(String uuid) throws IOException {
                moveIntoPlace(leftover(uuid), pathOf(uuid));
            }

            @Override
            public void discard(String uuid) throws IOException {
                Files.deleteIfExists(leftover(uuid));
            }

            private Path leftover(String uuid) {
                Path p = files.get(uuid);
                if (p == null) {
                    throw new IllegalArgumentException("no leftover pending file " + uuid + " was claimed");
                }
                return p;
            }

            @Override
            public void close() throws IOException {
                releaseAll(claimed);
            }
        };
    }

    private static void addLeftover(Path p, Map<String, Path> files) throws IOException {
        String name = p.getFileName().toString();
        if (name.startsWith(".") || Files.isDirectory(p)) {
            return; // a lock file
        }
        if (name.endsWith(SCRATCH_SUFFIX)) {
            Files.deleteIfExists(p); // the plain copy of an upload that never finished
            return;
        }
        files.put(name, p);
    }

    private static Optional<PendingFolderLock> tryLockQuietly(Path folder) {
        try {
            return PendingFolderLock.tryAcquire(folder);
        } catch (IOException e) {
            return java.util.Optional.empty(); // cannot tell whether its node runs: leave it alone
        }
    }

    private static void releaseAll(List<PendingFolderLock> locks) throws IOException {
        IOException first = null;
        for (PendingFolderLock l : locks) {
            try {
                l.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
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
        private final PendingFileOutput out;
        private final long createdAs;
        private boolean published;

        FilePending(String uuid, Path tmp, FileChannel channel, long createdAs) {
            this.uuid = uuid;
            this.createdAs = createdAs;
            this.tmp = tmp;
            this.channel = channel;
            this.out = new PendingFileOutput(channel, tmp, directIo);
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
        public Path scratchFile() throws IOException {
            Path scratch = pending.resolve(uuid + SCRATCH_SUFFIX);
            Files.deleteIfExists(scratch);
            return Files.createFile(scratch);
        }

        @Override
        public void seal() throws IOException {
            out.finish();
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
            out.release();
            if (channel.isOpen()) {
                channel.close();
            }
            if (!published) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
