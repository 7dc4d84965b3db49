package io.isengard.server.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A storage area that passes every call to another: the base of the
 * wrappers that change a few of them (metrics, read-only mode).
 */
public abstract class ForwardingStorageArea implements StorageArea {
    protected final StorageArea area;

    protected ForwardingStorageArea(StorageArea area) {
        this.area = area;
    }

    @Override
    public PendingFile create(String uuid) throws IOException {
        return area.create(uuid);
    }

    @Override
    public InputStream read(String uuid, long offset, long length) throws IOException {
        return area.read(uuid, offset, length);
    }

    @Override
    public long size(String uuid) throws IOException {
        return area.size(uuid);
    }

    @Override
    public Optional<Path> localFile(String uuid) {
        return area.localFile(uuid);
    }

    @Override
    public void remove(String uuid) throws IOException {
        area.remove(uuid);
    }

    @Override
    public Leftovers claimLeftovers() throws IOException {
        return area.claimLeftovers();
    }

    @Override
    public Leftovers claimStoppedNodesLeftovers() throws IOException {
        return area.claimStoppedNodesLeftovers();
    }

    /** A pending file that passes every call to another. */
    public static class ForwardingPendingFile implements PendingFile {
        protected final PendingFile file;

        public ForwardingPendingFile(PendingFile file) {
            this.file = file;
        }

        @Override
        public String uuid() {
            return file.uuid();
        }

        @Override
        public OutputStream output() {
            return file.output();
        }

        @Override
        public Path scratchFile() throws IOException {
            return file.scratchFile();
        }

        @Override
        public void seal() throws IOException {
            file.seal();
        }

        @Override
        public void publish() throws IOException {
            file.publish();
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
