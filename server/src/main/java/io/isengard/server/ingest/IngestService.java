package io.isengard.server.ingest;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.DicomParseException;
import io.isengard.dicom.TransferSyntax;
import io.isengard.dicom.io.DicomFile;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.ReadOptions;
import io.isengard.server.index.Index;
import io.isengard.server.index.IndexTransaction;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.ChangeType;
import io.isengard.server.model.ContentType;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.FileInfo;
import io.isengard.server.model.MetadataType;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.OrthancTime;
import io.isengard.server.model.ResourceType;
import io.isengard.server.storage.AttachmentStore;
import io.isengard.server.storage.DeletedFilesCollector;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores DICOM instances (resources.md §3), streaming: the bytes go to a
 * pending file while the parser reads the header through them; then one
 * index transaction records the resources; then the file is put in place.
 * The caller gets a result only when both are durable.
 */
public final class IngestService {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    private final Index index;
    private final AttachmentStore attachments;
    private final DeletedFilesCollector deletedFiles;
    private final MainDicomTags mainTags;
    private final StabilityMonitor stability;
    private final Clock clock;
    private final boolean overwrite;
    private final StorageLimits limits;
    private volatile ReceivedInstanceFilter filter;
    private volatile StoredInstanceListener listener;

    public IngestService(Index index, AttachmentStore attachments, DeletedFilesCollector deletedFiles,
            MainDicomTags mainTags, StabilityMonitor stability, Clock clock, boolean overwriteInstances) {
        this(index, attachments, deletedFiles, mainTags, stability, clock, overwriteInstances, StorageLimits.NONE);
    }

    public IngestService(Index index, AttachmentStore attachments, DeletedFilesCollector deletedFiles,
            MainDicomTags mainTags, StabilityMonitor stability, Clock clock, boolean overwriteInstances,
            StorageLimits limits) {
        this.index = index;
        this.attachments = attachments;
        this.deletedFiles = deletedFiles;
        this.mainTags = mainTags;
        this.stability = stability;
        this.clock = clock;
        this.overwrite = overwriteInstances;
        this.limits = limits;
    }

    /** Consults {@code f} before recording each instance (null: every instance is stored). */
    public void filterWith(ReceivedInstanceFilter f) {
        this.filter = f;
    }

    /** Tells {@code l} of each instance stored or already stored (null: nobody). */
    public void notifyStored(StoredInstanceListener l) {
        this.listener = l;
    }

    /** Stores one DICOM file read from {@code body} (Part 10, or a bare implicit VR little endian data set). */
    public StoreResult store(InputStream body, IngestOrigin origin) throws IOException {
        return store(body, origin, header -> { });
    }

    /**
     * A check of the parsed header before anything is recorded (e.g. C-STORE:
     * the data set must be the instance the command announced); it refuses
     * by throwing, and the received file is then discarded.
     */
    @FunctionalInterface
    public interface HeaderCheck {
        void check(DataSet header);
    }

    /** As {@link #store(InputStream, IngestOrigin)}, refusing what {@code check} refuses. */
    public StoreResult store(InputStream body, IngestOrigin origin, HeaderCheck check) throws IOException {
        try (AttachmentStore.Writer file = attachments.begin(ContentType.Dicom.code())) {
            TeeInputStream tee = new TeeInputStream(body, file.output());
            DicomFile header;
            try {
                header = DicomReader.read(tee, ReadOptions.HEADER_ONLY);
                body.transferTo(file.output());
            } catch (DicomParseException e) {
                long size = tee.count() + drain(body);
                if (size == 0) {
                    throw new OrthancException(ErrorCode.BadFileFormat, "Received an empty DICOM file");
                }
                throw new OrthancException(ErrorCode.BadFileFormat,
                        "Cannot parse an invalid DICOM file (size: " + size + " bytes): " + e.getMessage(), e);
            }
            FileInfo info = file.finish();
            if (info.uncompressedSize() == 0) {
                throw new OrthancException(ErrorCode.BadFileFormat, "Received an empty DICOM file");
            }
            DataSet ds = header.dataSet();
            check.check(ds);
            InstanceIdentity identity = InstanceIdentity.of(ds);
            String ts = header.meta().isEmpty() ? TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN
                    : header.transferSyntax().uid();
            long pixelDataOffset = header.hasPreamble() ? header.pixelDataOffset() : -1;
            ReceivedInstanceFilter f = filter;
            if (f != null && !f.accepts(ds, ts, header.stoppedBeforePixelData()
                    || ds.contains(io.isengard.dicom.Tag.PixelData), origin)) {
                LOG.info("instance {} filtered out", identity.id(ResourceType.INSTANCE));
                return result(StoreStatus.FilteredOut, identity); // the pending file is discarded on close
            }
            Recorded recorded = index.writeGrouped(tx -> record(tx, ds, identity, ts, pixelDataOffset, origin, info));
            if (recorded.status == StoreStatus.Success) {
                file.publish();
                if (recorded.replacedOld) {
                    deletedFiles.collectSoon();
                }
                stability.markUnstable(ResourceType.SERIES, identity.id(ResourceType.SERIES));
                stability.markUnstable(ResourceType.STUDY, identity.id(ResourceType.STUDY));
                stability.markUnstable(ResourceType.PATIENT, identity.id(ResourceType.PATIENT));
            }
            StoreResult result = result(recorded.status, identity);
            StoredInstanceListener l = listener;
            if (l != null) {
                l.stored(result, origin);
            }
            return result;
        }
    }

    private static StoreResult result(StoreStatus status, InstanceIdentity identity) {
        return new StoreResult(status, identity.id(ResourceType.INSTANCE), identity.id(ResourceType.SERIES),
                identity.id(ResourceType.STUDY), identity.id(ResourceType.PATIENT));
    }

    private static long drain(InputStream in) {
        try {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            return 0;
        }
    }

    /** {@code replacedOld}: files of deleted resources (an overwritten instance, recycled patients) to remove. */
    private record Recorded(StoreStatus status, boolean replacedOld) {}

    /** The unit of work of one instance; may run several times (retries), so it only touches the index. */
    private Recorded record(IndexTransaction tx, DataSet ds, InstanceIdentity identity, String ts, long pixelDataOffset,
            IngestOrigin origin, FileInfo file) {
        String now = OrthancTime.nowUtc(clock);
        boolean replaced = false;
        List<String> ids = new ArrayList<>(4);
        for (ResourceType level : ResourceType.values()) {
            ids.add(identity.id(level));
        }
        // One query for the instance and its ancestors (a round trip each would count on PostgreSQL).
        Map<String, ResourceRef> known = byId(tx.lookupAll(ids));
        ResourceRef existing = known.get(identity.id(ResourceType.INSTANCE));
        if (existing != null) {
            if (!overwrite) {
                return new Recorded(StoreStatus.AlreadyStored, false);
            }
            tx.delete(existing.internalId());
            replaced = true;
            known = byId(tx.lookupAll(ids)); // the deletion may have removed ancestors left empty
        }
        List<ResourceRef> created = new ArrayList<>(4);
        long parent = 0;
        List<Long> ancestors = new ArrayList<>(3);
        for (ResourceType level : ResourceType.values()) {
            String id = identity.id(level);
            ResourceRef r = level == ResourceType.INSTANCE ? null : known.get(id);
            if (r == null) {
                r = tx.createResource(level, id, parent);
                created.add(r);
                initialise(tx, r, ds, ts, pixelDataOffset, origin, now);
            }
            if (level != ResourceType.INSTANCE) {
                ancestors.add(r.internalId());
            }
            parent = r.internalId();
        }
        tx.addAttachment(parent, file);
        boolean recycled = limits.makeRoom(tx, ancestors.get(0), file.compressedSize());
        // Change log order is instance, series, study, patient (resources.md §3).
        for (ResourceRef r : created.reversed()) {
            tx.logChange(ChangeType.created(r.type()), r, now);
        }
        tx.setMetadata(ancestors, MetadataType.LastUpdate.code(), now);
        SeriesCompletion.logIfCompleted(tx, ancestors.get(2), now);
        return new Recorded(StoreStatus.Success, replaced || recycled);
    }

    private static Map<String, ResourceRef> byId(List<ResourceRef> refs) {
        Map<String, ResourceRef> m = new java.util.HashMap<>(8);
        for (ResourceRef r : refs) {
            m.put(r.publicId(), r);
        }
        return m;
    }

    private void initialise(IndexTransaction tx, ResourceRef r, DataSet ds, String ts, long pixelDataOffset,
            IngestOrigin origin, String now) {
        ResourceType level = r.type();
        Map<Integer, String> tags = InstanceSummary.mainTags(ds, mainTags.of(level));
        if (level == ResourceType.STUDY) {
            tags.putAll(InstanceSummary.mainTags(ds, mainTags.patientTags()));
        }
        tx.setMainDicomTags(r.internalId(), tags);
        tx.setIdentifierTags(r.internalId(), InstanceSummary.identifiers(ds, mainTags.identifiers(level)));
        String signature = mainTags.signature(level);
        Map<Integer, String> metadata = switch (level) {
            case INSTANCE -> InstanceSummary.instanceMetadata(ds, ts, pixelDataOffset, origin, now, signature);
            case SERIES -> {
                Map<Integer, String> m = new java.util.LinkedHashMap<>();
                String expected = InstanceSummary.expectedNumberOfInstances(ds);
                if (expected != null) {
                    m.put(MetadataType.ExpectedNumberOfInstances.code(), expected);
                }
                m.put(MetadataType.RemoteAET.code(), origin.remoteAet());
                m.put(MetadataType.MainDicomTagsSignature.code(), signature);
                yield m;
            }
            default -> Map.of(MetadataType.MainDicomTagsSignature.code(), signature);
        };
        String sequences = InstanceSummary.mainSequences(ds, mainTags.of(level));
        if (sequences != null) {
            metadata = new java.util.LinkedHashMap<>(metadata);
            metadata.put(MetadataType.MainDicomSequences.code(), sequences);
        }
        tx.setMetadata(r.internalId(), metadata);
        LOG.debug("new {} {}", level.label(), r.publicId());
    }
}
