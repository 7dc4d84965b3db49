package io.isengard.server.resources;

import io.isengard.server.index.Index;
import io.isengard.server.index.IndexTransaction;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.ChangeType;
import io.isengard.server.model.ContentType;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.FileInfo;
import io.isengard.server.model.Md5;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.OrthancTime;
import io.isengard.server.model.ResourceType;
import io.isengard.server.storage.AttachmentStore;
import io.isengard.server.storage.DeletedFilesCollector;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.function.BiConsumer;
import java.util.HexFormat;

/**
 * Writes attachments (resources.md §9, §14): uploads, deletions and changes
 * of compression. A new file streams to a pending file of the storage area;
 * one transaction checks the expected revision, records the file in place
 * of the old one (whose file is queued for removal) and logs
 * UpdatedAttachment for user types; the file is published after the commit.
 */
public final class AttachmentWriter {
    private final Index index;
    private final AttachmentStore store;
    private final DeletedFilesCollector deletedFiles;
    private final Clock clock;

    private volatile BiConsumer<ResourceType, String> listener;

    /** Tells {@code l} (level, public ID) of each resource whose user attachments changed (Lua's OnUpdated*). */
    public void notifyUpdated(BiConsumer<ResourceType, String> l) {
        this.listener = l;
    }

    /** After the commit of a change of attachment {@code type}; as the change log, only for user types. */
    private void updated(ResourceRef resource, int type) {
        BiConsumer<ResourceType, String> l = listener;
        if (l != null && isWritable(type)) {
            l.accept(resource.type(), resource.publicId());
        }
    }

    public AttachmentWriter(Index index, AttachmentStore store, DeletedFilesCollector deletedFiles, Clock clock) {
        this.index = index;
        this.store = store;
        this.deletedFiles = deletedFiles;
        this.clock = clock;
    }

    /** Clients may upload user attachment types only (1024-65535). */
    public static boolean isWritable(int type) {
        return type >= ContentType.FIRST_USER && type <= ContentType.LAST_USER;
    }

    /**
     * Clients may delete user attachment types, and "dicom-as-json" (a cache
     * of old Orthancs that can be rebuilt from the DICOM file).
     */
    public static boolean isDeletable(int type) {
        return isWritable(type) || type == ContentType.DicomAsJson.code();
    }

    /** An attachment written: its revision and the MD5 of its content (for the ETag). */
    public record Written(long revision, String md5) {
    }

    /** Stores {@code body} as the attachment {@code type} of a resource, in place of the current one. */
    public Written put(ResourceRef resource, int type, InputStream body, ExpectedRevision expected)
            throws IOException {
        // Without stored MD5s the ETag still needs one (Orthanc computes it from the body).
        MessageDigest digest = store.storesMd5() ? null : Md5.digest();
        InputStream in = digest == null ? body : new DigestInputStream(body, digest);
        try (AttachmentStore.Writer file = store.begin(type)) {
            in.transferTo(file.output());
            FileInfo written = file.finish();
            String now = OrthancTime.nowUtc(clock);
            Replacement r = index.write(tx -> {
                FileInfo old = current(tx, resource, type);
                if (old != null) {
                    expected.checkOverwrite(old.revision(), old.uncompressedMd5());
                }
                return record(tx, resource, written, old, now);
            });
            file.publish();
            if (r.replacedFile()) {
                deletedFiles.collectSoon();
            }
            updated(resource, type);
            return new Written(r.revision(), digest == null ? written.uncompressedMd5()
                    : HexFormat.of().formatHex(digest.digest()));
        }
    }

    /** Deletes an attachment; Unknown resource (404) if the resource has none of that type. */
    public void delete(ResourceRef resource, int type, ExpectedRevision expected) {
        expected.requireForDeletion();
        String now = OrthancTime.nowUtc(clock);
        index.write(tx -> {
            FileInfo old = current(tx, resource, type);
            if (old == null) {
                throw missing(resource, type);
            }
            expected.checkDeletion(old.revision(), old.uncompressedMd5());
            tx.deleteAttachment(resource.internalId(), type);
            logIfUser(tx, resource, type, now);
            return null;
        });
        deletedFiles.collectSoon();
        updated(resource, type);
    }

    /**
     * Stores an attachment again, compressed or not (POST compress /
     * uncompress): a new file and the next revision; nothing happens if it is
     * stored that way already.
     */
    public void changeCompression(ResourceRef resource, int type, boolean compressed) throws IOException {
        FileInfo old = index.read(tx -> tx.attachment(resource.internalId(), type));
        if (old == null) {
            throw missing(resource, type);
        }
        if (old.isCompressed() == compressed) {
            return;
        }
        try (AttachmentStore.Writer file = store.begin(type, compressed);
                InputStream content = store.openUncompressed(old)) {
            content.transferTo(file.output());
            FileInfo written = file.finish();
            String now = OrthancTime.nowUtc(clock);
            index.write(tx -> {
                FileInfo current = current(tx, resource, type);
                if (current == null || !current.uuid().equals(old.uuid())) {
                    throw new OrthancException(ErrorCode.Revision, "The attachment " + type + " of "
                            + resource.publicId() + " was replaced or deleted while being re-stored");
                }
                return record(tx, resource, written, current, now);
            });
            file.publish();
        }
        deletedFiles.collectSoon();
        updated(resource, type);
    }

    private record Replacement(long revision, boolean replacedFile) {
    }

    private static Replacement record(IndexTransaction tx, ResourceRef resource, FileInfo written, FileInfo old,
            String now) {
        long revision = old == null ? 0 : old.revision() + 1;
        tx.replaceAttachment(resource.internalId(), written.withRevision(revision));
        logIfUser(tx, resource, written.contentType(), now);
        return new Replacement(revision, old != null);
    }

    /** The attachment now, under the resource's write lock (writers of its attachments take turns). */
    private static FileInfo current(IndexTransaction tx, ResourceRef resource, int type) {
        MetadataWriter.lock(tx, resource);
        return tx.attachment(resource.internalId(), type);
    }

    private static void logIfUser(IndexTransaction tx, ResourceRef resource, int type, String now) {
        if (isWritable(type)) {
            tx.logChange(ChangeType.UpdatedAttachment, resource, now);
        }
    }

    private static OrthancException missing(ResourceRef resource, int type) {
        return new OrthancException(ErrorCode.UnknownResource, "The " + resource.type().label().toLowerCase()
                + " " + resource.publicId() + " has no attachment " + type);
    }
}
