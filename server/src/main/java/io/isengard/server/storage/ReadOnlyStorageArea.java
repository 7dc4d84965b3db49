package io.isengard.server.storage;

import io.isengard.server.model.ReadOnlyMode;
import java.io.InputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The storage area of a server started with "ReadOnly": reads go through,
 * writes and removals are refused before they touch anything. An upload is
 * refused here, before its body is read, since the file is the first thing
 * it writes.
 */
public final class ReadOnlyStorageArea implements StorageArea {
    private final StorageArea area;

    public ReadOnlyStorageArea(StorageArea area) {
        this.area = area;
    }

    @Override
    public PendingFile create(String uuid) {
        throw ReadOnlyMode.refusal("the storage area");
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
    public void remove(String uuid) {
        throw ReadOnlyMode.refusal("the storage area");
    }

    @Override
    public Leftovers claimLeftovers() {
        throw ReadOnlyMode.refusal("the storage area");
    }

    @Override
    public Leftovers claimStoppedNodesLeftovers() {
        throw ReadOnlyMode.refusal("the storage area");
    }
}
