package io.isengard.server.modification;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.dicom.Tag;
import io.isengard.dicom.dictionary.DictionaryEntry;
import io.isengard.dicom.dictionary.ElementDictionary;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The body of a modify request (modify-anonymize-archive.md §2), checked as
 * Orthanc checks it: tags by name, {@code gggg,eeee} or {@code gggg-eeee};
 * the four main identifiers only with "Force".
 *
 * @param replace tag → new value (a JSON string, or an array of objects for a sequence)
 * @param remove tags to delete
 * @param keep tags kept as they are (UIDs not regenerated, private tags kept)
 */
public record ModificationRequest(Map<Integer, JsonNode> replace, Set<Integer> remove, Set<Integer> keep,
        boolean removePrivateTags, boolean force, String transcode) {

    static final int PATIENT_ID = 0x00100020;
    static final int STUDY_INSTANCE_UID = 0x0020000D;
    static final int SERIES_INSTANCE_UID = 0x0020000E;
    private static final Set<Integer> MAIN_IDENTIFIERS = Set.of(PATIENT_ID, STUDY_INSTANCE_UID,
            SERIES_INSTANCE_UID, Tag.SOPInstanceUID);

    /** Reads a request body; anything Orthanc refuses is a 400 with its message. */
    public static ModificationRequest parse(JsonNode body) {
        if (!body.isObject()) {
            throw new OrthancException(ErrorCode.BadFileFormat, "The body of a modification must be a JSON object");
        }
        boolean force = bool(body, "Force");
        Map<Integer, JsonNode> replace = new LinkedHashMap<>();
        JsonNode r = body.get("Replace");
        if (r != null) {
            if (!r.isObject()) {
                throw new OrthancException(ErrorCode.BadRequest, "Member \"Replace\" should be a JSON object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                int tag = tag(e.getKey(), "replaced", force);
                if (!e.getValue().isTextual() && !e.getValue().isArray()) {
                    throw new OrthancException(ErrorCode.BadRequest, "The value of \"" + e.getKey()
                            + "\" in \"Replace\" must be a string or an array of objects (a sequence)");
                }
                replace.put(tag, e.getValue());
            }
        }
        Set<Integer> remove = tags(body, "Remove", "removed", force);
        Set<Integer> keep = tags(body, "Keep", "kept", force);
        JsonNode t = body.get("Transcode");
        if (t != null && !t.isTextual()) {
            throw new OrthancException(ErrorCode.BadRequest, "Member \"Transcode\" should be a string");
        }
        return new ModificationRequest(replace, remove, keep, bool(body, "RemovePrivateTags"), force,
                t == null ? null : t.asText());
    }

    private static boolean bool(JsonNode body, String member) {
        JsonNode v = body.get(member);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new OrthancException(ErrorCode.BadFileFormat, "Member \"" + member + "\" should be a Boolean value");
        }
        return v.booleanValue();
    }

    private static Set<Integer> tags(JsonNode body, String member, String verb, boolean force) {
        Set<Integer> out = new LinkedHashSet<>();
        JsonNode a = body.get(member);
        if (a == null) {
            return out;
        }
        if (!a.isArray()) {
            throw new OrthancException(ErrorCode.BadRequest, "Member \"" + member + "\" should be an array of strings");
        }
        for (JsonNode n : a) {
            if (!n.isTextual()) {
                throw new OrthancException(ErrorCode.BadRequest, "Member \"" + member
                        + "\" should be an array of strings");
            }
            out.add(tag(n.asText(), verb, force));
        }
        return out;
    }

    /** A tag as the request names it; a main identifier needs "Force" (the name echoed as given). */
    private static int tag(String name, String verb, boolean force) {
        long t = Tag.parse(name);
        int tag;
        if (t >= 0) {
            tag = (int) t;
        } else {
            DictionaryEntry e = ElementDictionary.lookup(name.strip());
            if (e == null) {
                throw new OrthancException(ErrorCode.UnknownDicomTag, "Unknown DICOM tag: \"" + name + "\""
                        + (name.contains(".") || name.contains("[") ? " (paths into sequences are not supported)"
                                : ""));
            }
            tag = e.tag();
        }
        if (!force && MAIN_IDENTIFIERS.contains(tag)) {
            throw new OrthancException(ErrorCode.BadRequest, "Marking tag \"" + name + "\" as to be " + verb
                    + " requires the \"Force\" option to be set to true");
        }
        return tag;
    }
}
