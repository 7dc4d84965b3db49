package io.isengard.server.resources;

import io.isengard.server.index.Index;
import io.isengard.server.index.IndexTransaction;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.ingest.StabilityMonitor;
import io.isengard.server.model.MetadataType;
import io.isengard.server.model.OrthancTime;
import io.isengard.server.model.ResourceType;
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
    private volatile DeletionListener listener;

    /** Told of every resource a deletion removed (Lua's OnDeleted*), after the commit. */
    public interface DeletionListener {
        /** Whether the removed resources are wanted at all: listing them costs queries. */
        boolean isListening();

        void deleted(ResourceType type, String publicId);
    }

    /** The resources removed by one deletion, and the nearest ancestor that remains (or null). */
    private record Deleted(ResourceRef remaining, List<ResourceRef> removed) {}

    public ResourceDeleter(Index index, DeletedFilesCollector files, StabilityMonitor stability, Clock clock) {
        this.index = index;
        this.files = files;
        this.stability = stability;
        this.clock = clock;
    }

    /** Tells {@code l} of the resources deletions remove (null: nobody). */
    public void notifyDeleted(DeletionListener l) {
        this.listener = l;
    }

    /** Deletes a resource; returns the nearest remaining ancestor, or null. */
    public ResourceRef delete(ResourceRef resource) {
        String now = OrthancTime.nowUtc(clock);
        DeletionListener l = listener;
        boolean listing = l != null && l.isListening();
        Deleted deleted = index.write(tx -> deleteIn(tx, resource.internalId(), now, listing));
        stability.forget(resource.publicId());
        files.collectSoon();
        if (listing) {
            deleted.removed().forEach(r -> l.deleted(r.type(), r.publicId()));
        }
        return deleted.remaining();
    }

    /**
     * Deletes resources of any levels in one transaction (/tools/bulk-delete);
     * unknown IDs, and resources already gone with an ancestor of the list,
     * are skipped. Returns the IDs that were deleted.
     */
    public List<String> deleteAll(Collection<String> publicIds) {
        String now = OrthancTime.nowUtc(clock);
        DeletionListener l = listener;
        boolean listing = l != null && l.isListening();
        List<ResourceRef> removed = new ArrayList<>();
        List<String> deleted = index.write(tx -> {
            removed.clear(); // the work may run again
            List<String> gone = new ArrayList<>();
            for (ResourceRef r : tx.lookupAll(publicIds)) {
                if (tx.lookup(r.internalId()) != null) { // not deleted with an ancestor earlier in the list
                    removed.addAll(deleteIn(tx, r.internalId(), now, listing).removed());
                    gone.add(r.publicId());
                }
            }
            return gone;
        });
        deleted.forEach(stability::forget);
        files.collectSoon();
        if (listing) {
            removed.forEach(r -> l.deleted(r.type(), r.publicId()));
        }
        return deleted;
    }

    /** {@code listing}: also answer what was removed (the resource, its descendants, ancestors left empty). */
    private static Deleted deleteIn(IndexTransaction tx, long internalId, String now, boolean listing) {
        List<ResourceRef> removed = new ArrayList<>();
        List<ResourceRef> ancestors = new ArrayList<>();
        if (listing) {
            ResourceRef self = tx.lookup(internalId);
            if (self != null) {
                removed.add(self);
                for (ResourceType level : ResourceType.values()) {
                    if (level.ordinal() > self.type().ordinal()) {
                        removed.addAll(tx.descendants(internalId, level));
                    }
                }
                for (ResourceRef a = self; a != null && a.parentId() != 0;) {
                    a = tx.lookup(a.parentId());
                    if (a != null) {
                        ancestors.add(a);
                    }
                }
            }
        }
        ResourceRef r = tx.delete(internalId);
        for (ResourceRef a : ancestors) {
            if (tx.lookup(a.internalId()) == null) {
                removed.add(a);
            }
        }
        List<Long> touched = new ArrayList<>();
        for (ResourceRef a = r; a != null; a = a.parentId() == 0 ? null : tx.lookup(a.parentId())) {
            touched.add(a.internalId());
        }
        tx.setMetadata(touched, MetadataType.LastUpdate.code(), now);
        return new Deleted(r, removed);
    }
}
