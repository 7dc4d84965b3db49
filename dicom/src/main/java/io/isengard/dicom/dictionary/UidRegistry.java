package io.isengard.dicom.dictionary;

import java.util.HashMap;
import java.util.Map;

/**
 * The well-known UIDs: transfer syntaxes, SOP classes (all storage SOP classes
 * DCMTK knows among them), well-known instances and frames of reference,
 * coding schemes... generated from DCMTK's dcuid.h into {@code uids.tsv},
 * loaded on first use.
 */
public final class UidRegistry {
    static final String RESOURCE = "uids.tsv";

    private UidRegistry() {}

    private static final class Tables {
        static final Map<String, UidEntry> BY_UID = new HashMap<>(1024);
        static final Map<String, UidEntry> BY_KEYWORD = new HashMap<>(1024);

        static {
            DictionaryText text = DictionaryText.read(RESOURCE);
            for (int row = 0; row < text.rows(); row++) {
                String[] f = text.fields(row, 4); // uid, keyword, type, name
                UidEntry e = new UidEntry(f[0], f[1], f[3], f[2]);
                BY_UID.put(e.uid(), e);
                BY_KEYWORD.put(e.keyword(), e);
            }
        }
    }

    /** The entry for a UID (trailing NUL or space padding ignored), or null if it is not well known. */
    public static UidEntry lookup(String uid) {
        return uid == null ? null : Tables.BY_UID.get(Padding.strip(uid));
    }

    /** The entry with DCMTK's keyword, e.g. {@code CTImageStorage} or {@code LittleEndianExplicitTransferSyntax}; null if unknown. */
    public static UidEntry lookupKeyword(String keyword) {
        return keyword == null ? null : Tables.BY_KEYWORD.get(keyword);
    }
}
