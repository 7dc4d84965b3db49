package io.isengard.server.storage;

import io.isengard.server.index.Index;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Startup repair after a crash: a pending file whose attachment the index
 * committed is published (the crash came between commit and rename); any
 * other pending file was never acknowledged and is discarded. Files whose
 * deletion was committed are removed. The pending files are this node's and
 * those of stopped nodes sharing the storage area (see {@link
 * StorageArea#claimLeftovers()}), never those of a running node.
 */
public final class StorageRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(StorageRecovery.class);

    private StorageRecovery() {}

    public static void run(Index index, StorageArea area) throws IOException {
        int published = 0;
        int discarded = 0;
        try (StorageArea.Leftovers leftovers = area.claimLeftovers()) {
            for (String uuid : leftovers.uuids()) {
                if (index.read(tx -> tx.attachmentExists(uuid))) {
                    leftovers.publish(uuid);
                    published++;
                } else {
                    leftovers.discard(uuid);
                    discarded++;
                }
            }
        }
        if (published + discarded > 0) {
            LOG.warn("recovered the storage area after an unclean stop: {} file(s) put in place, {} unacknowledged"
                    + " file(s) discarded", published, discarded);
        }
        new DeletedFilesCollector(index, area).collect();
    }
}
