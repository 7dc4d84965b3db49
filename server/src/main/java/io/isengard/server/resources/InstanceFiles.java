package io.isengard.server.resources;

import io.isengard.dicom.DicomParseException;
import io.isengard.dicom.io.DicomFile;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.ReadOptions;
import io.isengard.server.index.Index;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.ContentType;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.FileInfo;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.ResourceType;
import io.isengard.server.storage.AttachmentStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Opens and parses the DICOM file of a stored instance. */
public final class InstanceFiles {
    /** Values above this size stay in the file when it can be referenced (pixel data, big blobs). */
    private static final long BULK_THRESHOLD = 64 * 1024;

    private final Index index;
    private final AttachmentStore store;

    public InstanceFiles(Index index, AttachmentStore store) {
        this.index = index;
        this.store = store;
    }

    /** An instance and its DICOM attachment (null when it has none). */
    public record Located(ResourceRef instance, FileInfo file) {
        /** The attachment, or the InexistentFile error. */
        public FileInfo requireFile() {
            if (file == null) {
                throw new OrthancException(ErrorCode.InexistentFile, "instance " + instance.publicId()
                        + " has no DICOM file (index-only storage?)");
            }
            return file;
        }
    }

    /**
     * The instance of that Orthanc ID and its DICOM attachment, read in one
     * transaction; null if there is no instance of that ID (routes then stay
     * unanswered: 404).
     */
    public Located locate(String publicId) {
        return index.read(tx -> {
            ResourceRef r = tx.lookup(publicId);
            if (r == null || r.type() != ResourceType.INSTANCE) {
                return null;
            }
            return new Located(r, tx.attachment(r.internalId(), ContentType.Dicom.code()));
        });
    }

    public FileInfo dicomAttachment(ResourceRef instance) {
        FileInfo f = index.read(tx -> tx.attachment(instance.internalId(), ContentType.Dicom.code()));
        if (f == null) {
            throw new OrthancException(ErrorCode.InexistentFile, "instance " + instance.publicId()
                    + " has no DICOM file (index-only storage?)");
        }
        return f;
    }

    /** The file's bytes, decompressed. */
    public InputStream open(FileInfo file) throws IOException {
        return store.openUncompressed(file);
    }

    /**
     * Where the stored file is, when its bytes are the attachment's as given
     * (not compressed) and the storage area has local files: it can then be
     * sent as it is. Whether the file exists is found out by opening it.
     */
    public Optional<Path> storedAsIs(FileInfo file) {
        return file.isCompressed() ? Optional.empty() : store.area().localFile(file.uuid());
    }

    /** The local file holding the uncompressed DICOM bytes, if there is one (for zero-copy and bulk data). */
    public Optional<Path> localFile(FileInfo file) {
        if (file.isCompressed()) {
            return Optional.empty();
        }
        return store.area().localFile(file.uuid()).filter(Files::isRegularFile);
    }

    /**
     * Parses the instance's file: up to the pixel data when {@code headerOnly},
     * else whole (large values then stay in the file as bulk data references).
     */
    public DicomFile parse(ResourceRef instance, boolean headerOnly) throws IOException {
        return parse(instance, dicomAttachment(instance), headerOnly);
    }

    /** {@link #parse(ResourceRef, boolean)} when the attachment is already known. */
    public DicomFile parse(ResourceRef instance, FileInfo f, boolean headerOnly) throws IOException {
        ReadOptions options = headerOnly ? ReadOptions.HEADER_ONLY
                : ReadOptions.DEFAULT.withBulkDataThreshold(BULK_THRESHOLD);
        try {
            Optional<Path> local = localFile(f);
            if (local.isPresent()) {
                return DicomReader.read(local.get(), options);
            }
            try (InputStream in = new BufferedInputStream(open(f), 64 * 1024)) {
                return DicomReader.read(in, headerOnly ? options : ReadOptions.DEFAULT);
            }
        } catch (DicomParseException e) {
            throw new OrthancException(ErrorCode.CorruptedFile, "the stored file of instance " + instance.publicId()
                    + " can't be parsed: " + e.getMessage(), e);
        }
    }
}
