package io.isengard.server.modification;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.dicom.DataSet;
import io.isengard.dicom.Sequence;
import io.isengard.dicom.Tag;
import io.isengard.dicom.VR;
import io.isengard.dicom.charset.SpecificCharacterSet;
import io.isengard.dicom.dictionary.DictionaryEntry;
import io.isengard.dicom.dictionary.ElementDictionary;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Applies a {@link ModificationRequest} to one instance's data set, in
 * Orthanc's order: private tags, Remove, Replace, then the UIDs
 * (modify-anonymize-archive.md §3): SOPInstanceUID is always regenerated,
 * SeriesInstanceUID too when the series or a level above changes,
 * StudyInstanceUID when the study or the patient changes; a UID replaced or
 * kept is left alone.
 */
public final class InstanceModification {
    private InstanceModification() {}

    /**
     * Modifies {@code ds} in place; {@code newUid} makes each regenerated UID.
     *
     * @param undeclared how text is encoded in a data set without Specific Character Set: as Orthanc, with
     *     "DefaultEncoding" (which is not then declared)
     */
    public static void apply(ModificationRequest request, DataSet ds, Supplier<String> newUid,
            SpecificCharacterSet undeclared) {
        if (request.removePrivateTags()) {
            for (int tag : ds.tags()) {
                if (Tag.isPrivate(tag) && !request.keep().contains(tag)) {
                    ds.remove(tag);
                }
            }
        }
        request.remove().forEach(ds::remove);
        request.replace().forEach((tag, value) -> put(ds, tag, value, undeclared));

        Map<Integer, JsonNode> replaced = request.replace();
        boolean patient = replaced.containsKey(ModificationRequest.PATIENT_ID);
        boolean study = patient || replaced.containsKey(ModificationRequest.STUDY_INSTANCE_UID);
        boolean series = study || replaced.containsKey(ModificationRequest.SERIES_INSTANCE_UID);
        if (study) {
            regenerate(request, ds, ModificationRequest.STUDY_INSTANCE_UID, newUid);
        }
        if (series) {
            regenerate(request, ds, ModificationRequest.SERIES_INSTANCE_UID, newUid);
        }
        regenerate(request, ds, Tag.SOPInstanceUID, newUid);
    }

    private static void regenerate(ModificationRequest request, DataSet ds, int tag, Supplier<String> newUid) {
        if (!request.replace().containsKey(tag) && !request.keep().contains(tag) && ds.contains(tag)) {
            ds.putString(tag, VR.UI, newUid.get());
        }
    }

    /** Sets one element from a Replace value: text, numbers, a data-URI for binary, or a sequence. */
    static void put(DataSet ds, int tag, JsonNode value, SpecificCharacterSet undeclared) {
        VR vr = ds.contains(tag) ? ds.vr(tag) : dictionaryVr(tag);
        if (value.isArray()) {
            Sequence s = ds.newSequence(tag);
            for (JsonNode item : value) {
                if (!item.isObject()) {
                    throw new OrthancException(ErrorCode.BadRequest, "The items of sequence " + Tag.toString(tag)
                            + " must be JSON objects");
                }
                DataSet d = s.addItem();
                for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    put(d, itemTag(e.getKey()), e.getValue(), undeclared);
                }
            }
            return;
        }
        String text = value.asText();
        if (text.startsWith("data:") && text.contains(";base64,")) {
            ds.put(tag, vr, padded(Base64.getDecoder().decode(text.substring(text.indexOf(";base64,") + 8))));
            return;
        }
        switch (vr) {
            case US, SS, UL, SL -> ds.putInts(tag, vr, numbers(text, tag).mapToInt(d -> (int) (long) d).toArray());
            case FL, FD -> {
                double[] v = numbers(text, tag).toArray();
                ByteBuffer b = ByteBuffer.allocate(v.length * (vr == VR.FL ? 4 : 8)).order(ByteOrder.LITTLE_ENDIAN);
                for (double d : v) {
                    if (vr == VR.FL) {
                        b.putFloat((float) d);
                    } else {
                        b.putDouble(d);
                    }
                }
                ds.put(tag, vr, b.array());
            }
            case OB, OW, OF, OD, OL, OV, UN, AT, SV, UV -> ds.put(tag, vr, padded(text.getBytes(StandardCharsets.ISO_8859_1)));
            default -> {
                if (vr.usesSpecificCharacterSet() && !declaresCharacterSet(ds)) {
                    byte[] b = undeclared.encode(text, vr);
                    byte[] even = padded(b);
                    if (even.length > b.length) {
                        even[b.length] = ' ';
                    }
                    ds.put(tag, vr, even);
                } else {
                    ds.putString(tag, vr, text);
                }
            }
        }
    }

    private static boolean declaresCharacterSet(DataSet ds) {
        for (DataSet d = ds; d != null; d = d.parent()) {
            if (d.contains(Tag.SpecificCharacterSet)) {
                return true;
            }
        }
        return false;
    }

    private static java.util.stream.DoubleStream numbers(String text, int tag) {
        try {
            return java.util.Arrays.stream(text.split("\\\\")).map(String::strip).mapToDouble(Double::parseDouble);
        } catch (NumberFormatException e) {
            throw new OrthancException(ErrorCode.ParameterOutOfRange, "Not a number for tag " + Tag.toString(tag)
                    + ": \"" + text + "\"");
        }
    }

    private static int itemTag(String name) {
        long t = Tag.parse(name);
        if (t >= 0) {
            return (int) t;
        }
        DictionaryEntry e = ElementDictionary.lookup(name.strip());
        if (e == null) {
            throw new OrthancException(ErrorCode.UnknownDicomTag, "Unknown DICOM tag: \"" + name + "\"");
        }
        return e.tag();
    }

    private static VR dictionaryVr(int tag) {
        DictionaryEntry e = ElementDictionary.lookup(tag);
        return e == null ? VR.UN : e.vr();
    }

    private static byte[] padded(byte[] b) {
        return b.length % 2 == 0 ? b : java.util.Arrays.copyOf(b, b.length + 1);
    }
}
