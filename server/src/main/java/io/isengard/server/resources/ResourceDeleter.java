package io.isengard.server.resources;

import io.isengard.server.index.Index;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.ingest.StabilityMonitor;
import io.isengard.server.model.MetadataType;
import io.isengard.server.model.OrthancTime;
import io.isengard.server.storage.DeletedFilesCollector;
import java.time.Clock;
import java.util.ArrayList;
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
        ResourceRef remaining = index.write(tx -> {
            ResourceRef r = tx.delete(resource.internalId());
            List<Long> touched = new ArrayList<>();
            for (ResourceRef a = r; a != null; a = a.parentId() == 0 ? null : tx.lookup(a.parentId())) {
                touched.add(a.internalId());
            }
            tx.setMetadata(touched, MetadataType.LastUpdate.code(), now);
            return r;
        });
        stability.forget(resource.publicId());
        files.collectSoon();
        return remaining;
    }
}
