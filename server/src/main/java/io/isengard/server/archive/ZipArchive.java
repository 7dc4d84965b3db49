package io.isengard.server.archive;

import io.isengard.server.index.Index;
import io.isengard.server.index.IndexTransaction;
import io.isengard.server.index.ResourceDetails;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.FileInfo;
import io.isengard.server.model.ResourceType;
import io.isengard.server.storage.AttachmentStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A ZIP archive of resources of any level, laid out as Orthanc does
 * whatever level was asked for: {@code patient/study/series/file.dcm}
 * (modify-anonymize-archive.md §8.4). The layout is planned from the index
 * first, so that an unknown resource is an error answer; the files are then
 * streamed one after the other from the storage area, never held whole.
 */
public final class ZipArchive {
    private static final int PATIENT_ID = 0x00100020;
    private static final int PATIENT_NAME = 0x00100010;
    private static final int ACCESSION_NUMBER = 0x00080050;
    private static final int STUDY_DESCRIPTION = 0x00081030;
    private static final int MODALITY = 0x00080060;
    private static final int SERIES_DESCRIPTION = 0x0008103E;
    private static final int INSTANCE_NUMBER = 0x00200013;

    /** One file of the archive: where it goes and which attachment it holds. */
    public record Entry(String path, FileInfo file) {}

    private final List<Entry> entries;

    private ZipArchive(List<Entry> entries) {
        this.entries = entries;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Plans the archive of {@code resources} (one read of the index; overlapping resources count once). */
    public static ZipArchive of(Index index, List<ResourceRef> resources) {
        return new ZipArchive(index.read(tx -> plan(tx, resources)));
    }

    private static List<Entry> plan(IndexTransaction tx, List<ResourceRef> resources) {
        Map<Long, ResourceRef> instances = new LinkedHashMap<>();
        for (ResourceRef r : resources) {
            List<ResourceRef> below = r.type() == ResourceType.INSTANCE ? List.of(r)
                    : tx.descendants(r.internalId(), ResourceType.INSTANCE);
            below.forEach(i -> instances.putIfAbsent(i.internalId(), i));
        }
        List<ResourceDetails> instanceDetails = tx.details(List.copyOf(instances.values()), List.of());
        Map<Long, ResourceDetails> ancestors = new HashMap<>();
        List<ResourceDetails> level = instanceDetails;
        for (int up = 0; up < 3; up++) { // series, studies, patients: two queries per level
            List<String> parentIds = level.stream().map(ResourceDetails::parentPublicId).distinct().toList();
            level = tx.details(tx.lookupAll(parentIds), List.of());
            level.forEach(d -> ancestors.put(d.ref().internalId(), d));
        }
        // patient → study → series → instances, each level in the order it was stored
        Map<Long, List<ResourceDetails>> bySeries = new HashMap<>();
        instanceDetails.forEach(d -> bySeries.computeIfAbsent(d.ref().parentId(), k -> new ArrayList<>()).add(d));
        Map<Long, Map<Long, Map<Long, List<ResourceDetails>>>> tree = new TreeMap<>();
        for (Map.Entry<Long, List<ResourceDetails>> s : bySeries.entrySet()) {
            ResourceDetails series = ancestors.get(s.getKey());
            ResourceDetails study = ancestors.get(series.ref().parentId());
            tree.computeIfAbsent(study.ref().parentId(), k -> new TreeMap<>())
                    .computeIfAbsent(study.ref().internalId(), k -> new TreeMap<>())
                    .put(series.ref().internalId(), s.getValue());
        }
        List<Entry> entries = new ArrayList<>();
        ArchiveNames.Folder root = new ArchiveNames.Folder();
        for (var patient : tree.entrySet()) {
            String patientFolder = root.unique(folderOf(ancestors.get(patient.getKey()), PATIENT_ID, PATIENT_NAME,
                    "Unknown Patient"));
            ArchiveNames.Folder inPatient = new ArchiveNames.Folder();
            for (var study : patient.getValue().entrySet()) {
                String studyFolder = inPatient.unique(folderOf(ancestors.get(study.getKey()), ACCESSION_NUMBER,
                        STUDY_DESCRIPTION, "Unknown Study"));
                ArchiveNames.Folder inStudy = new ArchiveNames.Folder();
                for (var series : study.getValue().entrySet()) {
                    ResourceDetails s = ancestors.get(series.getKey());
                    String seriesFolder = inStudy.unique(folderOf(s, MODALITY, SERIES_DESCRIPTION, "Unknown Series"));
                    String modality = s.mainDicomTags().get(MODALITY);
                    ArchiveNames.Folder inSeries = new ArchiveNames.Folder();
                    List<ResourceDetails> files = new ArrayList<>(series.getValue());
                    files.sort(Comparator.comparingLong((ResourceDetails d) -> instanceNumber(d) < 0 ? Long.MAX_VALUE
                            : instanceNumber(d)).thenComparing(d -> d.ref().publicId()));
                    long counter = 0;
                    for (ResourceDetails instance : files) {
                        if (instance.dicomFile() == null) {
                            continue; // no DICOM file (it was deleted): nothing to put in the archive
                        }
                        String name = inSeries.uniqueFile(modality, instanceNumber(instance), counter++);
                        entries.add(new Entry(patientFolder + "/" + studyFolder + "/" + seriesFolder + "/" + name,
                                instance.dicomFile()));
                    }
                }
            }
        }
        return entries;
    }

    private static String folderOf(ResourceDetails d, int first, int second, String unknown) {
        return ArchiveNames.folder(d.mainDicomTags().get(first), d.mainDicomTags().get(second), unknown);
    }

    /** The instance's InstanceNumber when it is a plain non-negative number, else -1. */
    private static long instanceNumber(ResourceDetails d) {
        String v = d.mainDicomTags().get(INSTANCE_NUMBER);
        if (v == null) {
            return -1;
        }
        try {
            long n = Long.parseLong(v.strip());
            return n >= 0 ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Writes the archive: DEFLATE, ZIP64 where needed, Orthanc's comment.
     * The fastest level of DEFLATE: images, most of an archive, gain little
     * from the slower ones (random or already compressed pixels nothing at
     * all), which would make the deflater the bound of the download.
     */
    public void writeTo(OutputStream out, AttachmentStore attachments) throws IOException {
        // The deflater writes in small pieces: gather them before they reach the connection.
        ZipOutputStream zip = new ZipOutputStream(new java.io.BufferedOutputStream(out, 64 * 1024));
        zip.setLevel(java.util.zip.Deflater.BEST_SPEED);
        zip.setComment("Created by Orthanc");
        byte[] buffer = new byte[64 * 1024];
        for (Entry e : entries) {
            zip.putNextEntry(new ZipEntry(e.path()));
            try (InputStream in = attachments.openUncompressed(e.file())) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    zip.write(buffer, 0, n);
                }
            }
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }
}
