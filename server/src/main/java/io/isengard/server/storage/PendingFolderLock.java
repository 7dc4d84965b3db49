package io.isengard.server.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The lock a running node holds on its pending folder, so that another node
 * sharing the storage folder can tell whether files in there are in flight
 * or were left by a crash. An operating-system lock: it goes away with the
 * process, kill -9 included, so a crash never leaves a stale lock behind.
 */
final class PendingFolderLock implements AutoCloseable {
    static final String FILE_NAME = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private PendingFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code folder} if no running process (this one
     * included) holds it; empty if one does.
     *
     * @throws IOException if the file system cannot lock files at all
     */
    static Optional<PendingFolderLock> tryAcquire(Path folder) throws IOException {
        FileChannel channel = FileChannel.open(folder.resolve(FILE_NAME), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(new PendingFolderLock(channel, lock));
            }
        } catch (OverlappingFileLockException heldInThisProcess) {
            // another server of this JVM (tests run several) holds it
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        channel.close();
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }
}
