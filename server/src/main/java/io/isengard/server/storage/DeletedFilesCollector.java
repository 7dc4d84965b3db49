package io.isengard.server.storage;

import io.isengard.server.index.Index;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes from the storage area the files whose attachment rows a committed
 * transaction deleted (the index queues their UUIDs in the same transaction,
 * so a crash never leaves an orphan behind: the queue is drained at startup).
 *
 * <p>Once {@link #start() started}, removal runs on a background thread:
 * a deletion is answered as soon as its transaction has committed, and the
 * files (with the xx/yy folders left empty) go right after, as the queue says.
 */
public final class DeletedFilesCollector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeletedFilesCollector.class);
    private static final int BATCH = 1000;

    private final Index index;
    private final StorageArea area;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean closing;
    private volatile Thread worker;

    public DeletedFilesCollector(Index index, StorageArea area) {
        this.index = index;
        this.area = area;
    }

    /** Starts the background removal used by {@link #collectSoon()}. */
    public synchronized void start() {
        if (worker == null) {
            worker = Thread.ofVirtual().name("isengard-deleted-files").start(this::run);
        }
    }

    /** Has the queued files removed in the background (at once, in the caller, if not started). */
    public void collectSoon() {
        if (worker == null) {
            collect();
        } else {
            wakeUp.release();
        }
    }

    private void run() {
        while (!closing) {
            try {
                wakeUp.acquire();
            } catch (InterruptedException e) {
                return;
            }
            wakeUp.drainPermits(); // one pass serves every deletion committed before it starts
            try {
                collect();
            } catch (RuntimeException e) {
                LOG.error("removing deleted files from the storage area failed (they stay queued): {}", e.toString());
            }
        }
    }

    /** Removes every queued file now, in the caller. */
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

    /** Finishes the pass under way; what is still queued is removed at the next start. */
    @Override
    public void close() {
        Thread w;
        synchronized (this) {
            w = worker;
        }
        if (w == null) {
            return;
        }
        closing = true;
        wakeUp.release();
        try {
            if (!w.join(java.time.Duration.ofSeconds(30))) {
                LOG.warn("the removal of deleted files did not finish; the rest is removed at the next start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
