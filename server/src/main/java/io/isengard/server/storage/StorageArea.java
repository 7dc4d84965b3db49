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
 * files, which {@link #claimLeftovers()} hands to the recovery.
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

    /**
     * Claims the pending files that crashes left behind: this node's, and
     * those of nodes sharing the area that are not running now. Files of a
     * running node are in flight and never claimed. The claim keeps other
     * nodes from recovering the same files until it is closed.
     */
    Leftovers claimLeftovers() throws IOException;

    /**
     * The same without this node's own pending files: only those of nodes
     * sharing the area that are not running, which a running node may
     * recover at any time.
     */
    Leftovers claimStoppedNodesLeftovers() throws IOException;

    /** Pending files left by a crash, claimed for recovery. */
    interface Leftovers extends AutoCloseable {
        /** UUIDs of files written but neither published nor discarded. */
        List<String> uuids();

        /** Puts a leftover in place (its index entry was committed). */
        void publish(String uuid) throws IOException;

        /** Deletes a leftover (its index entry was not committed: it was never acknowledged). */
        void discard(String uuid) throws IOException;

        /** Releases the claim. */
        @Override
        void close() throws IOException;
    }

    /** A file being written. */
    interface PendingFile extends AutoCloseable {
        String uuid();

        /** Where to write the bytes; closing it does not publish. */
        OutputStream output();

        /**
         * A local file that the writer may use for an intermediate copy (the
         * plain bytes of an attachment stored compressed); a crash may leave
         * it behind, and the next {@link #claimLeftovers()} removes it. The
         * caller deletes it when done.
         */
        Path scratchFile() throws IOException;

        /** Flushes (and syncs, if configured) what was written; call before the index commit. */
        void seal() throws IOException;

        /** Moves the sealed file into place: after this it is readable. */
        void publish() throws IOException;

        /** Deletes the pending file unless published. */
        @Override
        void close() throws IOException;
    }
}
