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
        recover(index, area.claimLeftovers(), "after an unclean stop");
        new DeletedFilesCollector(index, area).collect();
    }

    /**
     * Recovers, while this node runs, the leftovers of nodes sharing the
     * storage area that stopped (crashed) and were not started again.
     */
    public static void recoverStoppedNodes(Index index, StorageArea area) throws IOException {
        recover(index, area.claimStoppedNodesLeftovers(), "after an unclean stop of another node");
    }

    private static void recover(Index index, StorageArea.Leftovers claim, String when) throws IOException {
        int published = 0;
        int discarded = 0;
        try (StorageArea.Leftovers leftovers = claim) {
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
            LOG.warn("recovered the storage area {}: {} file(s) put in place, {} unacknowledged file(s) discarded",
                    when, published, discarded);
        }
    }

    /**
     * Runs {@link #recoverStoppedNodes} every {@code interval} on a virtual
     * thread, so that a node that crashed and never comes back does not
     * leave an acknowledged-looking instance without its file for long.
     */
    public static AutoCloseable everyInterval(Index index, StorageArea area, java.time.Duration interval) {
        Thread t = Thread.ofVirtual().name("isengard-stopped-nodes-recovery").start(() -> {
            while (true) {
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    recoverStoppedNodes(index, area);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("recovering the pending files of stopped nodes failed (tried again in {} s): {}",
                            interval.toSeconds(), e.toString());
                }
            }
        });
        return () -> {
            t.interrupt();
            t.join(java.time.Duration.ofSeconds(30));
        };
    }
}
