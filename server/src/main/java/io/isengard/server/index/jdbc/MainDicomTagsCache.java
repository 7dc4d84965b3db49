package io.isengard.server.index.jdbc;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The main DICOM tags of resources read lately, for the JSON of resources
 * (an expanded find of 20 studies read 220 rows of main_dicom_tags for each
 * request, a sixth of its CPU). A resource's main tags are written when it
 * is created and change afterwards only through reconstruction and
 * /tools/invalidate-tags; internal IDs are never reused (AUTOINCREMENT).
 *
 * <p>SQLite only: the index file belongs to one server, whose own writes are
 * all the changes there are. On PostgreSQL other servers may write.
 *
 * <p>Consistency with the database: a write transaction that changed the
 * main tags of existing resources, once committed, moves the generation on
 * and forgets those resources ({@link #changed}) before its caller hears of
 * the commit. A read transaction notes the generation before its snapshot
 * begins and keeps what it read only if the generation has not moved since
 * ({@link #keep}): what it read may predate a commit that the cache already
 * knows of. Only read-only transactions use the cache (a write transaction
 * sees its own uncommitted rows).
 */
final class MainDicomTagsCache {
    /** About a kilobyte each: a few megabytes at most. */
    static final int CAPACITY = 5000;

    private final int capacity;
    private long generation;
    private final LinkedHashMap<Long, Map<Integer, String>> entries;

    MainDicomTagsCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Map<Integer, String>> eldest) {
                return size() > MainDicomTagsCache.this.capacity;
            }
        };
    }

    /** To be read before a read transaction's first statement. */
    synchronized long generation() {
        return generation;
    }

    /** The tags of a resource, or null when not cached. */
    synchronized Map<Integer, String> get(long internalId) {
        return entries.get(internalId);
    }

    /**
     * Keeps tags (unmodifiable maps: they are shared) read in a transaction begun at
     * {@code generationBefore}, unless a change was committed since.
     */
    synchronized void keep(long generationBefore, Map<Long, Map<Integer, String>> read) {
        if (generation == generationBefore) {
            entries.putAll(read);
        }
    }

    /** After the commit of a transaction that changed the main tags of these existing resources. */
    synchronized void changed(Collection<Long> internalIds) {
        generation++;
        internalIds.forEach(entries::remove);
    }

    synchronized int size() {
        return entries.size();
    }
}
