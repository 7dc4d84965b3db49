package io.isengard.server.resources;

import io.isengard.server.index.Index;
import io.isengard.server.index.IndexTransaction;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.ingest.StabilityMonitor;
import io.isengard.server.model.MetadataType;
import io.isengard.server.model.OrthancTime;
import io.isengard.server.storage.DeletedFilesCollector;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Deletes resources (resources.md §4): the subtree and the ancestors left
 * empty go in one transaction, LastUpdate of what remains is refreshed
 * (1.12.1+); the files are then removed from the storage area in the
 * background (see {@link DeletedFilesCollector}).
 */
public final class ResourceDeleter {
    private final Index index;
    private final DeletedFilesCollector files;
    private final StabilityMonitor stability;
    private final Clock clock;

    public ResourceDeleter(Index index, DeletedFilesCollector files, StabilityMonitor stability, Clock clock) {
        this.index = index;
        this.files = files;
        this.stability = stability;
        this.clock = clock;
    }

    /** Deletes a resource; returns the nearest remaining ancestor, or null. */
    public ResourceRef delete(ResourceRef resource) {
        String now = OrthancTime.nowUtc(clock);
        ResourceRef remaining = index.write(tx -> deleteIn(tx, resource.internalId(), now));
        stability.forget(resource.publicId());
        files.collectSoon();
        return remaining;
    }

    /**
     * Deletes resources of any levels in one transaction (/tools/bulk-delete);
     * unknown IDs, and resources already gone with an ancestor of the list,
     * are skipped. Returns the IDs that were deleted.
     */
    public List<String> deleteAll(Collection<String> publicIds) {
        String now = OrthancTime.nowUtc(clock);
        List<String> deleted = index.write(tx -> {
            List<String> gone = new ArrayList<>();
            for (ResourceRef r : tx.lookupAll(publicIds)) {
                if (tx.lookup(r.internalId()) != null) { // not deleted with an ancestor earlier in the list
                    deleteIn(tx, r.internalId(), now);
                    gone.add(r.publicId());
                }
            }
            return gone;
        });
        deleted.forEach(stability::forget);
        files.collectSoon();
        return deleted;
    }

    private static ResourceRef deleteIn(IndexTransaction tx, long internalId, String now) {
        ResourceRef r = tx.delete(internalId);
        List<Long> touched = new ArrayList<>();
        for (ResourceRef a = r; a != null; a = a.parentId() == 0 ? null : tx.lookup(a.parentId())) {
            touched.add(a.internalId());
        }
        tx.setMetadata(touched, MetadataType.LastUpdate.code(), now);
        return r;
    }
}
