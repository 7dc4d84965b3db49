package io.isengard.dicom.dictionary;

import io.isengard.dicom.VR;
import java.util.Map;

/**
 * The data dictionary: PS3.6 (generated from DCMTK's dicom.dic) and the
 * well-known private dictionaries (DCMTK's private.dic). See
 * tools/dictionary/README.md for how the resources are made.
 *
 * <p>Keywords are DCMTK's names, which are also Orthanc's: retired elements
 * carry a {@code RETIRED_} prefix (e.g. {@code RETIRED_CurveData}); the PS3.6
 * keyword without it finds them too. Each part of the dictionary is loaded on
 * first use; lookups are then constant time and thread-safe.
 */
public final class ElementDictionary {
    private ElementDictionary() {}

    // Holder classes: the JVM loads each table once, on first use, without locking afterwards.
    private static final class Public {
        static final PublicDictionary TABLE = PublicDictionary.load();
    }

    private static final class Keywords {
        static final Map<String, DictionaryEntry> INDEX = Public.TABLE.keywordIndex();
    }

    private static final class Private {
        static final PrivateDictionary TABLE = PrivateDictionary.load();
    }

    /**
     * The entry for a public tag, including repeating groups (50xx, 60xx, ...),
     * group length elements (GenericGroupLength, UL) and private creator
     * elements (PrivateCreator, LO); null if unknown, as are private data
     * elements (see {@link #lookupPrivate}).
     *
     * <p>A tag listed on its own wins over a repeating entry, so (0002,0000) is
     * FileMetaInformationGroupLength; among repeating entries the one covering
     * the fewest tags wins. A repeating entry's tag is the lowest of its range,
     * e.g. (6000,3000) for OverlayData found as (6002,3000). As in dicom.dic,
     * a range without restriction holds even numbers only: (0020,3100-31FF)
     * covers (0020,3102) but not (0020,3101).
     */
    public static DictionaryEntry lookup(int tag) {
        return Public.TABLE.lookup(tag);
    }

    /** The entry with the given keyword (case-sensitive), or null. */
    public static DictionaryEntry lookup(String keyword) {
        return keyword == null ? null : Keywords.INDEX.get(keyword);
    }

    /**
     * The entry of a private tag reserved by {@code creator} (trailing spaces
     * or NULs ignored): matched on (creator, group, element offset {@code tag & 0xFF}),
     * or on the exact element for the few entries private.dic fixes to one
     * element; null if unknown. The entry's tag has block byte 0x10, e.g.
     * (0029,1010) for CSAImageHeaderInfo whichever block it was found in.
     */
    public static DictionaryEntry lookupPrivate(String creator, int tag) {
        return Private.TABLE.lookup(creator, tag);
    }

    /** The usual VR of a public tag, UN if the tag is unknown. */
    public static VR vrOf(int tag) {
        DictionaryEntry e = lookup(tag);
        return e == null ? VR.UN : e.vr();
    }
}
