package io.isengard.server.ingest;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.Sequence;
import io.isengard.dicom.Tag;
import io.isengard.dicom.json.OrthancFormat;
import io.isengard.dicom.json.OrthancJson;
import io.isengard.dicom.json.OrthancJsonOptions;
import io.isengard.server.model.MetadataType;
import io.isengard.server.model.ResourceType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the index stores about an instance's resources, taken from its header. */
final class InstanceSummary {
    private static final int INSTANCE_NUMBER = 0x00200013;
    private static final int IMAGE_INDEX = 0x00541330;

    private InstanceSummary() {}

    /** Main tags present in the data set (absent tags are not stored; sequences are not strings). */
    static Map<Integer, String> mainTags(DataSet ds, List<Integer> tags) {
        Map<Integer, String> m = new LinkedHashMap<>();
        for (int tag : tags) {
            if (ds.contains(tag) && !(ds.value(tag) instanceof Sequence)) {
                String v = OrthancText.of(ds, tag);
                if (v != null) {
                    m.put(tag, v);
                }
            }
        }
        return m;
    }

    /**
     * The main tags of a level that are sequences (e.g. RequestAttributesSequence),
     * as Orthanc 1.12.5+ keeps them: metadata MainDicomSequences holding
     * {@code {"Sequences": {tag: full-format JSON}, "Version": 1}}; null if none.
     */
    static String mainSequences(DataSet ds, List<Integer> tags) {
        DataSet sequences = new DataSet(ds);
        for (int tag : tags) {
            if (ds.value(tag) instanceof Sequence s) {
                sequences.put(tag, ds.vr(tag), s);
            }
        }
        if (sequences.isEmpty()) {
            return null;
        }
        return "{\"Sequences\":" + OrthancJson.toJson(sequences, OrthancFormat.FULL, OrthancJsonOptions.TAGS)
                + ",\"Version\":1}";
    }

    /** Identifier tags, normalised. */
    static Map<Integer, String> identifiers(DataSet ds, int[] tags) {
        Map<Integer, String> m = new LinkedHashMap<>();
        for (int tag : tags) {
            String v = OrthancText.of(ds, tag);
            if (v != null) {
                m.put(tag, IdentifierNormalizer.normalize(v));
            }
        }
        return m;
    }

    /** IndexInSeries: InstanceNumber, else ImageIndex, stripped; null if neither. */
    static String indexInSeries(DataSet ds) {
        String v = OrthancText.of(ds, INSTANCE_NUMBER);
        if (v == null) {
            v = OrthancText.of(ds, IMAGE_INDEX);
        }
        return v == null ? null : v.strip();
    }

    /** ExpectedNumberOfInstances of a new series (resources.md §3), or null if not computable. */
    static String expectedNumberOfInstances(DataSet ds) {
        long v = product(ds, 0x00201002, 0x00200105);
        if (v <= 0) {
            v = product(ds, 0x00540081, 0x00540101);
        }
        if (v <= 0) {
            v = number(ds, 0x00181090);
        }
        return v > 0 ? Long.toString(v) : null;
    }

    private static long product(DataSet ds, int a, int b) {
        long x = number(ds, a);
        long y = number(ds, b);
        return x > 0 && y > 0 ? x * y : 0;
    }

    private static long number(DataSet ds, int tag) {
        String v = OrthancText.of(ds, tag);
        if (v == null) {
            return 0;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The instance's metadata at reception. */
    static Map<Integer, String> instanceMetadata(DataSet ds, String transferSyntax, long pixelDataOffset,
            IngestOrigin origin, String now, String signature) {
        Map<Integer, String> m = new LinkedHashMap<>();
        String index = indexInSeries(ds);
        if (index != null) {
            m.put(MetadataType.IndexInSeries.code(), index);
        }
        m.put(MetadataType.ReceptionDate.code(), now);
        m.put(MetadataType.RemoteAET.code(), origin.remoteAet());
        m.put(MetadataType.Origin.code(), origin.origin());
        m.put(MetadataType.TransferSyntax.code(), transferSyntax);
        String sopClass = OrthancText.of(ds, Tag.SOPClassUID);
        if (sopClass != null) {
            m.put(MetadataType.SopClassUid.code(), sopClass);
        }
        if (origin.remoteIp() != null) {
            m.put(MetadataType.RemoteIP.code(), origin.remoteIp());
        }
        if (origin.calledAet() != null) {
            m.put(MetadataType.CalledAET.code(), origin.calledAet());
        }
        if (origin.httpUsername() != null) {
            m.put(MetadataType.HttpUsername.code(), origin.httpUsername());
        }
        if (pixelDataOffset >= 0) {
            m.put(MetadataType.PixelDataOffset.code(), Long.toString(pixelDataOffset));
        }
        m.put(MetadataType.MainDicomTagsSignature.code(), signature);
        return m;
    }

    static ResourceType[] levelsTopDown() {
        return ResourceType.values();
    }
}
