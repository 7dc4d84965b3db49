package io.isengard.server.resources;

import io.isengard.server.index.Index;
import io.isengard.server.index.IndexTransaction;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.index.StoredMetadata;
import io.isengard.server.model.ChangeType;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.Md5;
import io.isengard.server.model.MetadataType;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.OrthancTime;
import io.isengard.server.model.ResourceType;
import java.time.Clock;
import java.util.function.BiConsumer;

/**
 * Writes user metadata (resources.md §10, §14): each write checks the
 * expected revision and logs UpdatedMetadata in the same transaction.
 */
public final class MetadataWriter {
    private final Index index;
    private final Clock clock;
    private volatile BiConsumer<ResourceType, String> listener;

    public MetadataWriter(Index index, Clock clock) {
        this.index = index;
        this.clock = clock;
    }

    /** Tells {@code l} (level, public ID) of each resource whose metadata changed, after the commit (Lua's OnUpdated*). */
    public void notifyUpdated(BiConsumer<ResourceType, String> l) {
        this.listener = l;
    }

    private void updated(ResourceRef resource) {
        BiConsumer<ResourceType, String> l = listener;
        if (l != null) {
            l.accept(resource.type(), resource.publicId());
        }
    }

    /** Whether Orthanc lets clients write this metadata (user metadata only). */
    public static boolean isWritable(int type) {
        return type >= MetadataType.FIRST_USER && type <= MetadataType.LAST_USER;
    }

    /** Creates or overwrites a metadata; returns its new revision. */
    public long put(ResourceRef resource, int type, String value, ExpectedRevision expected) {
        String now = OrthancTime.nowUtc(clock);
        long revision = index.write(tx -> {
            lock(tx, resource);
            StoredMetadata old = tx.storedMetadata(resource.internalId(), type);
            if (old != null) {
                expected.checkOverwrite(old.revision(), Md5.of(old.value()));
            }
            long r = tx.putMetadata(resource.internalId(), type, value);
            tx.logChange(ChangeType.UpdatedMetadata, resource, now);
            return r;
        });
        updated(resource);
        return revision;
    }

    /** Deletes a metadata; Unknown resource (404) if the resource has none of that type. */
    public void delete(ResourceRef resource, int type, ExpectedRevision expected) {
        expected.requireForDeletion();
        String now = OrthancTime.nowUtc(clock);
        index.write(tx -> {
            lock(tx, resource);
            StoredMetadata old = tx.storedMetadata(resource.internalId(), type);
            if (old == null) {
                throw new OrthancException(ErrorCode.UnknownResource, "The " + resource.type().label().toLowerCase()
                        + " " + resource.publicId() + " has no metadata " + type);
            }
            expected.checkDeletion(old.revision(), Md5.of(old.value()));
            tx.deleteMetadata(resource.internalId(), type);
            tx.logChange(ChangeType.UpdatedMetadata, resource, now);
            return null;
        });
        updated(resource);
    }

    /** Takes the resource's write lock (writers of its metadata and attachments take turns); 404 if deleted meanwhile. */
    static void lock(IndexTransaction tx, ResourceRef resource) {
        if (!tx.lockForWrites(resource.internalId())) {
            throw new OrthancException(ErrorCode.UnknownResource, "The " + resource.type().label().toLowerCase()
                    + " " + resource.publicId() + " was deleted meanwhile");
        }
    }
}
