package io.isengard.server.metrics;

import io.isengard.server.storage.ForwardingStorageArea;
import io.isengard.server.storage.StorageArea;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A storage area whose accesses are timed for Orthanc's
 * orthanc_storage_{create,read,remove}_duration_ms: creating lasts from the
 * start of the write to its seal (flushed and synced; a streamed upload's
 * bytes arrive meanwhile), reading is the opening of the stream (the bytes
 * are then streamed to the client), removing the removal.
 */
public final class MeasuredStorageArea extends ForwardingStorageArea {
    private final ServerMetrics metrics;

    public MeasuredStorageArea(StorageArea area, ServerMetrics metrics) {
        super(area);
        this.metrics = metrics;
    }

    @Override
    public PendingFile create(String uuid) throws IOException {
        long start = metrics.storageStarted();
        return new ForwardingPendingFile(area.create(uuid)) {
            @Override
            public void seal() throws IOException {
                file.seal();
                metrics.storageCreated(start);
            }
        };
    }

    @Override
    public InputStream read(String uuid, long offset, long length) throws IOException {
        long start = metrics.storageStarted();
        InputStream in = area.read(uuid, offset, length);
        metrics.storageRead(start);
        return in;
    }

    @Override
    public Optional<Path> localFile(String uuid) {
        // A file read or sent straight from disk is a read too (then read() is not called).
        long start = metrics.storageStarted();
        Optional<Path> file = area.localFile(uuid);
        if (file.isPresent()) {
            metrics.storageRead(start);
        }
        return file;
    }

    @Override
    public void remove(String uuid) throws IOException {
        long start = metrics.storageStarted();
        area.remove(uuid);
        metrics.storageRemoved(start);
    }
}
