package io.isengard.dicom.dictionary;

import io.isengard.dicom.Tag;
import io.isengard.dicom.VR;
import java.util.List;

/**
 * The data dictionary: PS3.6 (generated from DCMTK's dicom.dic) and the
 * well-known private dictionaries (DCMTK's private.dic).
 *
 * <p>PLACEHOLDER until the generated dictionary lands; the API is final.
 */
public final class ElementDictionary {
    private ElementDictionary() {}

    /**
     * The entry for a public tag, including repeating groups (50xx, 60xx, ...),
     * group length elements (GenericGroupLength, UL) and private creator
     * elements (PrivateCreator, LO); null if unknown.
     */
    public static DictionaryEntry lookup(int tag) {
        if (Tag.isGroupLength(tag)) {
            return new DictionaryEntry(tag, "GenericGroupLength", List.of(VR.UL), "1", false, null);
        }
        if (Tag.isPrivateCreator(tag)) {
            return new DictionaryEntry(tag, "PrivateCreator", List.of(VR.LO), "1", false, null);
        }
        return null;
    }

    /** The entry with the given keyword, or null. */
    public static DictionaryEntry lookup(String keyword) {
        return null;
    }

    /**
     * The entry of a private tag reserved by {@code creator}: matched on
     * (creator, group, element offset {@code tag & 0xFF}); null if unknown.
     */
    public static DictionaryEntry lookupPrivate(String creator, int tag) {
        return null;
    }

    /** The usual VR of a public tag, UN if the tag is unknown. */
    public static VR vrOf(int tag) {
        DictionaryEntry e = lookup(tag);
        return e == null ? VR.UN : e.vr();
    }
}
