package io.isengard.dicom.json;

import io.isengard.dicom.Tag;
import io.isengard.dicom.dictionary.DictionaryEntry;
import io.isengard.dicom.dictionary.ElementDictionary;

/** Tag names as Orthanc shows them (DCMTK's dictionary names). */
public final class TagNames {
    /** DCMTK's name for tags its dictionary lacks. */
    public static final String UNKNOWN = "Unknown Tag & Data";

    private TagNames() {}

    /**
     * The dictionary entry of a tag: from {@code extra} first, then the
     * built-in dictionary (private tags by their creator); null if unknown.
     */
    public static DictionaryEntry entry(int tag, String privateCreator, ExtraDictionary extra) {
        boolean privateLeaf = isPrivateLeaf(tag);
        if (privateLeaf && privateCreator == null) {
            return null; // a private tag whose block nobody reserved cannot be looked up
        }
        DictionaryEntry e = extraEntry(tag, privateCreator, extra);
        if (e != null) {
            return e;
        }
        return privateLeaf ? ElementDictionary.lookupPrivate(privateCreator, tag) : ElementDictionary.lookup(tag);
    }

    /** The entry {@code extra} declares for a tag, or null. */
    public static DictionaryEntry extraEntry(int tag, String privateCreator, ExtraDictionary extra) {
        boolean privateLeaf = isPrivateLeaf(tag);
        if (extra == null || (privateLeaf && privateCreator == null)) {
            return null;
        }
        return extra.lookup(tag, privateLeaf ? privateCreator : null);
    }

    private static boolean isPrivateLeaf(int tag) {
        return Tag.isPrivate(tag) && !Tag.isPrivateCreator(tag) && !Tag.isGroupLength(tag);
    }

    /** The name of a tag, {@link #UNKNOWN} if no dictionary knows it. */
    public static String name(int tag, String privateCreator, ExtraDictionary extra) {
        if (Tag.isPrivate(tag)) {
            // DCMTK's generic entries for private groups, whatever the dictionary says about the creator.
            if (Tag.isGroupLength(tag)) {
                return "PrivateGroupLength";
            }
            if (Tag.isPrivateCreator(tag)) {
                return "PrivateCreator";
            }
        }
        DictionaryEntry e = entry(tag, privateCreator, extra);
        if (e != null) {
            return e.keyword();
        }
        return Tag.isGroupLength(tag) ? "GenericGroupLength" : UNKNOWN;
    }
}
