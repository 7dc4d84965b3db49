package io.isengard.server.storage;

import io.isengard.server.index.Index;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Startup repair after a crash: a pending file whose attachment the index
 * committed is published (the crash came between commit and rename); any
 * other pending file was never acknowledged and is discarded. Files whose
 * deletion was committed are removed.
 */
public final class StorageRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(StorageRecovery.class);

    private StorageRecovery() {}

    public static void run(Index index, StorageArea area) throws IOException {
        int published = 0;
        int discarded = 0;
        for (String uuid : area.pendingUuids()) {
            if (index.read(tx -> tx.attachmentExists(uuid))) {
                area.publishPending(uuid);
                published++;
            } else {
                area.discardPending(uuid);
                discarded++;
            }
        }
        if (published + discarded > 0) {
            LOG.warn("recovered the storage area after an unclean stop: {} file(s) put in place, {} unacknowledged"
                    + " file(s) discarded", published, discarded);
        }
        new DeletedFilesCollector(index, area).collect();
    }
}
