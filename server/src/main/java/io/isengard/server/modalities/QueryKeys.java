package io.isengard.server.modalities;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.dicom.DataSet;
import io.isengard.dicom.Tag;
import io.isengard.dicom.VR;
import io.isengard.dicom.dictionary.DictionaryEntry;
import io.isengard.dicom.dictionary.ElementDictionary;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Identifiers of C-FIND/C-MOVE/C-GET as the REST API writes them: tag
 * keyword or {@code gggg,eeee} → string value, kept sorted by tag.
 */
public final class QueryKeys {
    private QueryKeys() {}

    /** The tag of a keyword or of {@code gggg,eeee}, or -1 if it is neither. */
    public static int tagOf(String key) {
        long t = Tag.parse(key);
        if (t >= 0) {
            return (int) t;
        }
        DictionaryEntry e = ElementDictionary.lookup(key.strip());
        return e == null ? -1 : e.tag();
    }

    /** A JSON object of tag → string; {@code error} is the details of the 400 error 15 otherwise. */
    public static TreeMap<Integer, String> parse(JsonNode object, String error) {
        if (object == null || !object.isObject()) {
            throw new OrthancException(ErrorCode.BadFileFormat, error);
        }
        TreeMap<Integer, String> out = new TreeMap<>(Tag::compare);
        Iterator<Map.Entry<String, JsonNode>> it = object.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            int tag = tagOf(e.getKey());
            if (tag == -1 || !e.getValue().isTextual()) {
                throw new OrthancException(ErrorCode.BadFileFormat, error);
            }
            out.put(tag, e.getValue().asText());
        }
        return out;
    }

    /** The VR a value of this tag is sent with (UN for tags the dictionary does not know). */
    public static VR vrOf(int tag) {
        VR vr = ElementDictionary.vrOf(tag);
        return vr == null ? VR.UN : vr;
    }

    /**
     * Puts one key in an identifier, checking that the value suits the VR
     * (error 15, Orthanc's "While creating a DICOM instance" details).
     */
    public static void put(DataSet identifier, int tag, String value) {
        VR vr = vrOf(tag);
        switch (vr) {
            case US, SS, UL, SL -> {
                if (value.isEmpty()) {
                    identifier.put(tag, vr, new byte[0]);
                } else {
                    try {
                        identifier.putInts(tag, vr, Integer.parseInt(value.strip()));
                    } catch (NumberFormatException e) {
                        throw outOfRange(tag, value);
                    }
                }
            }
            case SQ -> {
                // A main tag that is a sequence (e.g. RequestAttributesSequence): asked for as an empty one.
                if (!value.isEmpty()) {
                    throw outOfRange(tag, value);
                }
                identifier.newSequence(tag);
            }
            default -> identifier.putString(tag, vr, value);
        }
    }

    private static OrthancException outOfRange(int tag, String value) {
        return new OrthancException(ErrorCode.BadFileFormat, "While creating a DICOM instance, tag ("
                + Tag.toString(tag) + ") has out-of-range value: \"" + value + "\"");
    }

    /** The keyword of a tag, or its {@code gggg,eeee} spelling for unknown tags. */
    public static String keyword(int tag) {
        DictionaryEntry e = ElementDictionary.lookup(tag);
        return e == null || e.keyword() == null || e.keyword().isEmpty() ? Tag.toString(tag) : e.keyword();
    }
}
