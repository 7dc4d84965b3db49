package io.isengard.server.ingest;

import io.isengard.server.index.Index;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.ChangeType;
import io.isengard.server.model.OrthancTime;
import io.isengard.server.model.ResourceType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orthanc's stability (resources.md §7): a patient, study or series is
 * unstable until StableAge seconds pass without a new instance below it; then
 * a Stable* change is logged. The unstable set lives in memory, as in Orthanc
 * (after a restart everything is stable).
 */
public final class StabilityMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StabilityMonitor.class);

    private record Entry(ResourceType type, long since) {}

    private final Index index;
    private final Clock clock;
    private final long stableAgeMillis;
    private final ReentrantLock lock = new ReentrantLock();
    /** Ordered by last activity: re-marking moves an entry to the end. */
    private final Map<String, Entry> unstable = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile BiConsumer<ResourceType, String> listener;

    public StabilityMonitor(Index index, Clock clock, int stableAgeSeconds) {
        this.index = index;
        this.clock = clock;
        this.stableAgeMillis = 1000L * (stableAgeSeconds <= 0 ? 60 : stableAgeSeconds);
        this.thread = Thread.ofVirtual().name("stability-monitor").start(this::run);
    }

    /** Tells {@code l} (level, public ID) of each resource that became stable, after its change is logged. */
    public void notifyStable(BiConsumer<ResourceType, String> l) {
        this.listener = l;
    }

    public void markUnstable(ResourceType type, String publicId) {
        lock.lock();
        try {
            unstable.remove(publicId);
            unstable.put(publicId, new Entry(type, clock.millis()));
        } finally {
            lock.unlock();
        }
    }

    public boolean isStable(String publicId) {
        lock.lock();
        try {
            return !unstable.containsKey(publicId);
        } finally {
            lock.unlock();
        }
    }

    /** Drops a deleted resource: no Stable* change will be logged for it. */
    public void forget(String publicId) {
        lock.lock();
        try {
            unstable.remove(publicId);
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(500);
                logStableResources();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("stability monitor: {}", e.toString(), e);
            }
        }
    }

    /** Logs Stable* for every resource idle for longer than StableAge, in order of last activity. */
    void logStableResources() {
        List<Map.Entry<String, Entry>> due = new ArrayList<>();
        long now = clock.millis();
        lock.lock();
        try {
            Iterator<Map.Entry<String, Entry>> it = unstable.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, Entry> e = it.next();
                if (now - e.getValue().since() > stableAgeMillis) {
                    due.add(Map.entry(e.getKey(), e.getValue()));
                    it.remove();
                }
            }
        } finally {
            lock.unlock();
        }
        if (due.isEmpty()) {
            return;
        }
        String date = OrthancTime.nowUtc(clock);
        List<ResourceRef> logged = index.write(tx -> {
            List<ResourceRef> stable = new ArrayList<>();
            for (Map.Entry<String, Entry> e : due) {
                ResourceRef r = tx.lookup(e.getKey());
                if (r != null && r.type() == e.getValue().type()) {
                    tx.logChange(ChangeType.stable(r.type()), r, date);
                    stable.add(r);
                }
            }
            return stable;
        });
        BiConsumer<ResourceType, String> l = listener;
        if (l != null) {
            logged.forEach(r -> l.accept(r.type(), r.publicId()));
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
