package io.isengard.server.storage;

import io.isengard.server.index.Index;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes from the storage area the files whose attachment rows a committed
 * transaction deleted (the index queues their UUIDs in the same transaction,
 * so a crash never leaves an orphan behind: the queue is drained at startup).
 */
public final class DeletedFilesCollector {
    private static final Logger LOG = LoggerFactory.getLogger(DeletedFilesCollector.class);
    private static final int BATCH = 1000;

    private final Index index;
    private final StorageArea area;

    public DeletedFilesCollector(Index index, StorageArea area) {
        this.index = index;
        this.area = area;
    }

    /** Removes every queued file; call after a transaction that deleted attachments. */
    public void collect() {
        while (true) {
            List<String> uuids = index.read(tx -> tx.deletedFiles(BATCH));
            if (uuids.isEmpty()) {
                return;
            }
            List<String> removed = new ArrayList<>(uuids.size());
            for (String uuid : uuids) {
                try {
                    area.remove(uuid);
                    removed.add(uuid);
                } catch (IOException e) {
                    LOG.error("cannot remove attachment file {} from the storage area: {}", uuid, e.toString());
                }
            }
            index.write(tx -> {
                tx.forgetDeletedFiles(removed);
                return null;
            });
            if (removed.size() < uuids.size()) {
                return; // the failures stay queued for the next run
            }
        }
    }
}
