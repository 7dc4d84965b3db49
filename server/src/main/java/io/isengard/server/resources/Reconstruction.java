package io.isengard.server.resources;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.TransferSyntax;
import io.isengard.dicom.io.DicomFile;
import io.isengard.server.index.Index;
import io.isengard.server.index.IndexTransaction;
import io.isengard.server.index.ResourceDetails;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.ContentType;
import io.isengard.server.model.FileInfo;
import io.isengard.server.model.MetadataType;
import io.isengard.server.model.ResourceType;
import io.isengard.server.ingest.LevelSummary;
import io.isengard.server.storage.AttachmentStore;
import io.isengard.server.storage.DeletedFilesCollector;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconstruction (POST /{level}/{id}/reconstruct, /tools/reconstruct; Orthanc
 * 1.12): the stored DICOM files are read again and the main DICOM tags, the
 * identifier tags and the metadata that come from the file (TransferSyntax,
 * SopClassUid, MainDicomTagsSignature, MainDicomSequences) are recomputed at
 * every level, e.g. after ExtraMainDicomTags changed. As in Orthanc, the
 * instances are read in turn and the last one read under a series, study or
 * patient gives that resource its tags. Files are read in batches, each
 * batch written in one transaction.
 */
public final class Reconstruction {
    private static final Logger LOG = LoggerFactory.getLogger(Reconstruction.class);
    private static final int BATCH = 100;

    private final Index index;
    private final InstanceFiles files;
    private final AttachmentStore attachments;
    private final DeletedFilesCollector deletedFiles;
    private final LevelSummary summary;

    public Reconstruction(Index index, InstanceFiles files, AttachmentStore attachments,
            DeletedFilesCollector deletedFiles, LevelSummary summary) {
        this.index = index;
        this.files = files;
        this.attachments = attachments;
        this.deletedFiles = deletedFiles;
        this.summary = summary;
    }

    /** One instance read again: its row, its ancestors (series, study, patient), its file and header. */
    private record Read(ResourceRef instance, List<ResourceRef> ancestors, FileInfo stored, DicomFile file) {
        DataSet dataSet() {
            return file.dataSet();
        }
    }

    /**
     * Reconstructs a resource and everything below it; with
     * {@code limitToThisLevel}, only the main tags of the resource's own
     * level, from one of its instances (1.12.4+). With
     * {@code reconstructFiles}, files stored with another compression than
     * StorageCompression's are stored again (1.11.0+).
     */
    public void reconstruct(ResourceRef resource, boolean reconstructFiles, boolean limitToThisLevel)
            throws IOException {
        LOG.warn("Reconstructing resource {}", resource.publicId());
        List<ResourceRef> instances = index.read(tx -> tx.descendants(resource.internalId(), ResourceType.INSTANCE));
        if (limitToThisLevel) {
            if (!instances.isEmpty()) {
                Read one = read(instances.subList(0, 1)).stream().findFirst().orElse(null);
                if (one != null) {
                    index.write(tx -> {
                        tx.clearMainDicomTags(List.of(resource.internalId()));
                        writeLevel(tx, resource, one);
                        return null;
                    });
                }
            }
            return;
        }
        for (int from = 0; from < instances.size(); from += BATCH) {
            List<Read> batch = read(instances.subList(from, Math.min(instances.size(), from + BATCH)));
            write(batch);
            if (reconstructFiles) {
                rewriteFiles(batch);
            }
        }
    }

    /**
     * Reconstructs every instance of the index, patient by patient as
     * Orthanc does (no OFFSET paging over millions of instances).
     */
    public void reconstructAll(boolean reconstructFiles) throws IOException {
        LOG.warn("Reconstructing all the resources");
        for (ResourceRef patient : index.read(tx -> tx.list(ResourceType.PATIENT, 0, 0))) {
            reconstruct(patient, reconstructFiles, false);
        }
    }

    /** Reads the headers of instances (those without a DICOM file are skipped) and finds their ancestors. */
    private List<Read> read(List<ResourceRef> instances) throws IOException {
        record Located(ResourceDetails details, List<ResourceRef> ancestors) {}
        List<Located> located = index.read(tx -> {
            Map<Long, ResourceRef> known = new HashMap<>();
            List<Located> out = new ArrayList<>();
            for (ResourceDetails d : tx.details(instances)) {
                List<ResourceRef> ancestors = new ArrayList<>(3);
                for (long p = d.ref().parentId(); p != 0; ) {
                    ResourceRef a = known.computeIfAbsent(p, tx::lookup);
                    ancestors.add(a);
                    p = a.parentId();
                }
                out.add(new Located(d, ancestors));
            }
            return out;
        });
        List<Read> out = new ArrayList<>(located.size());
        for (Located l : located) {
            if (l.details().dicomFile() != null) {
                DicomFile f = files.parse(l.details().ref(), l.details().dicomFile(), true);
                out.add(new Read(l.details().ref(), l.ancestors(), l.details().dicomFile(), f));
            }
        }
        return out;
    }

    /** Writes a batch: each instance's own level, and each ancestor from the last instance read under it. */
    private void write(List<Read> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<ResourceRef, Read> levels = new LinkedHashMap<>();
        for (Read r : batch) {
            levels.put(r.instance(), r);
            r.ancestors().forEach(a -> levels.put(a, r));
        }
        index.write(tx -> {
            tx.clearMainDicomTags(levels.keySet().stream().map(ResourceRef::internalId).toList());
            levels.forEach((resource, read) -> writeLevel(tx, resource, read));
            return null;
        });
    }

    /** The main tags, identifiers and file-derived metadata of one resource, from an instance below it. */
    private void writeLevel(IndexTransaction tx, ResourceRef resource, Read read) {
        ResourceType level = resource.type();
        DataSet ds = read.dataSet();
        long id = resource.internalId();
        tx.setMainDicomTags(id, summary.mainTags(ds, level));
        tx.setIdentifierTags(id, summary.identifiers(ds, level));
        Map<Integer, String> metadata = new LinkedHashMap<>();
        metadata.put(MetadataType.MainDicomTagsSignature.code(), summary.signature(level));
        String sequences = summary.mainSequences(ds, level);
        if (sequences != null) {
            metadata.put(MetadataType.MainDicomSequences.code(), sequences);
        } else {
            tx.deleteMetadata(id, MetadataType.MainDicomSequences.code());
        }
        if (level == ResourceType.INSTANCE) {
            DicomFile f = read.file();
            metadata.put(MetadataType.TransferSyntax.code(), f.meta().isEmpty()
                    ? TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN : f.transferSyntax().uid());
            String sopClass = LevelSummary.sopClassUid(ds);
            if (sopClass != null) {
                metadata.put(MetadataType.SopClassUid.code(), sopClass);
            }
        }
        tx.setMetadata(id, metadata);
    }

    /**
     * Stores again the DICOM files whose compression is not the configured
     * one: the new file is written, swapped for the old one in the index
     * (unless the instance changed meanwhile), then published; the old one
     * goes with the deleted files.
     */
    private void rewriteFiles(List<Read> batch) throws IOException {
        boolean swappedAny = false;
        for (Read r : batch) {
            FileInfo old = r.stored();
            if (old.isCompressed() == attachments.compresses()) {
                continue;
            }
            long id = r.instance().internalId();
            try (AttachmentStore.Writer w = attachments.begin(ContentType.Dicom.code())) {
                try (InputStream in = attachments.openUncompressed(old)) {
                    in.transferTo(w.output());
                }
                FileInfo fresh = w.finish();
                boolean swapped = index.write(tx -> {
                    FileInfo current = tx.attachment(id, ContentType.Dicom.code());
                    if (current == null || !current.uuid().equals(old.uuid())) {
                        return false;
                    }
                    tx.deleteAttachment(id, ContentType.Dicom.code());
                    tx.addAttachment(id, fresh);
                    return true;
                });
                if (swapped) {
                    w.publish();
                    swappedAny = true;
                }
            }
        }
        if (swappedAny) {
            deletedFiles.collectSoon();
        }
    }
}
