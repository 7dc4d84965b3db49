package io.isengard.server.jobs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the saved registry (SaveJobs) up to date: the engine reports each
 * changed or forgotten job under its lock; a virtual thread writes the
 * changes in one transaction {@link #DELAY_MS} after they happen, and at
 * least every {@link #PERIOD_MS}; {@link #stop} writes the rest.
 */
final class JobsSaver {
    private static final Logger LOG = LoggerFactory.getLogger(JobsSaver.class);
    /** Changes are saved this long after they happen, so that a burst of them is one write. */
    static final long DELAY_MS = 100;
    /** Everything is saved at least this often. */
    private static final long PERIOD_MS = 10_000;

    private final JobsStore store;
    /** The engine's lock: it guards the fields below too. */
    private final ReentrantLock lock;
    private final Condition toSave;
    private final Set<String> dirty = new HashSet<>();
    private final Set<String> forgotten = new HashSet<>();
    /** The saved form of each changed job, taken between two of its steps; null if it cannot be saved. */
    private final Map<String, String> serialized = new HashMap<>();
    private boolean stopping;
    private Thread thread;

    JobsSaver(JobsStore store, ReentrantLock lock) {
        this.store = store;
        this.lock = lock;
        this.toSave = lock.newCondition();
    }

    void start() {
        thread = Thread.ofVirtual().name("jobs-saver").start(this::loop);
    }

    /** A job changed (under the engine's lock, never while one of its steps runs): takes its saved form. */
    void changed(JobHandle h) {
        String form;
        try {
            form = JobsStore.serialize(h);
        } catch (RuntimeException e) {
            LOG.warn("Job {} ({}) cannot be serialized, it will not survive a restart: {}", h.id, h.job.type(),
                    e.toString());
            form = null;
        }
        serialized.put(h.id, form);
        h.serializedAt = System.nanoTime();
        if (dirty.add(h.id) && dirty.size() == 1) {
            toSave.signal();
        }
    }

    /** A job left the registry (under the engine's lock): its row goes. */
    void forgotten(String id) {
        dirty.remove(id);
        serialized.remove(id);
        forgotten.add(id);
        toSave.signal();
    }

    private void loop() {
        while (true) {
            lock.lock();
            try {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PERIOD_MS);
                while (!stopping && dirty.isEmpty() && forgotten.isEmpty()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    toSave.awaitNanos(left);
                }
                if (!stopping) {
                    toSave.await(DELAY_MS, TimeUnit.MILLISECONDS);
                }
                if (stopping) {
                    return; // stop() saves the rest
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            save();
        }
    }

    /** Writes the jobs changed since the last save and deletes the forgotten ones. */
    private void save() {
        Map<String, String> changed = new LinkedHashMap<>();
        List<String> removed = new ArrayList<>();
        lock.lock();
        try {
            for (String id : dirty) {
                String form = serialized.remove(id);
                if (form != null) {
                    changed.put(id, form);
                } else {
                    removed.add(id);
                }
            }
            dirty.clear();
            removed.addAll(forgotten);
            forgotten.clear();
        } finally {
            lock.unlock();
        }
        try {
            store.save(changed, removed);
        } catch (RuntimeException e) {
            LOG.error("Saving the jobs registry failed (it is saved again at the next change): {}", e.toString());
        }
    }

    /** Stops the thread (after the write it may be doing), then writes what is left. */
    void stop() {
        lock.lock();
        try {
            stopping = true;
            toSave.signalAll();
        } finally {
            lock.unlock();
        }
        if (thread != null) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        save();
    }
}
