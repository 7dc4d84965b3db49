package io.isengard.server.storage;

import io.isengard.server.model.ReadOnlyMode;

/**
 * The storage area of a server started with "ReadOnly": reads go through,
 * writes and removals are refused before they touch anything. An upload is
 * refused here, before its body is read, since the file is the first thing
 * it writes.
 */
public final class ReadOnlyStorageArea extends ForwardingStorageArea {
    public ReadOnlyStorageArea(StorageArea area) {
        super(area);
    }

    @Override
    public PendingFile create(String uuid) {
        throw ReadOnlyMode.refusal("the storage area");
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
