package io.isengard.server.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where attachment bytes live (the SPI an object store can implement later).
 * Bytes are stored as given: compression and MD5 are the business of
 * {@link AttachmentStore}, above this layer, as in Orthanc.
 *
 * <p>Writing is two-phase so that the index can commit in between: bytes go
 * to a pending file, the caller commits the index, then {@link
 * PendingFile#publish()} puts the file in place. A crash leaves only pending
 * files, which {@link #pendingUuids()} lists for recovery.
 */
public interface StorageArea {

    /** Starts writing the attachment {@code uuid}. */
    PendingFile create(String uuid) throws IOException;

    /** Reads {@code length} bytes from {@code offset} (length -1: to the end). */
    InputStream read(String uuid, long offset, long length) throws IOException;

    /** The stored size in bytes. */
    long size(String uuid) throws IOException;

    /** A local file holding the bytes, when the area has one (for zero-copy sending). */
    Optional<Path> localFile(String uuid);

    /** Removes an attachment; no error if it is absent. */
    void remove(String uuid) throws IOException;

    /** UUIDs of files written but neither published nor discarded (left by a crash). */
    List<String> pendingUuids() throws IOException;

    /** Publishes a pending file left by a crash (its index entry was committed). */
    void publishPending(String uuid) throws IOException;

    /** Discards a pending file left by a crash (its index entry was not committed). */
    void discardPending(String uuid) throws IOException;

    /** A file being written. */
    interface PendingFile extends AutoCloseable {
        String uuid();

        /** Where to write the bytes; closing it does not publish. */
        OutputStream output();

        /** Flushes (and syncs, if configured) what was written; call before the index commit. */
        void seal() throws IOException;

        /** Moves the sealed file into place: after this it is readable. */
        void publish() throws IOException;

        /** Deletes the pending file unless published. */
        @Override
        void close() throws IOException;
    }
}
