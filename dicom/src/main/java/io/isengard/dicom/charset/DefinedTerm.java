package io.isengard.dicom.charset;

import static io.isengard.dicom.charset.CodeElement.*;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The defined terms of Specific Character Set (PS3.3 Tables C.12-2 to C.12-5):
 * whether the term allows code extensions, the sets it puts in G0 and G1, and,
 * for the terms without code extensions, the JDK charset that decodes a whole value.
 */
enum DefinedTerm {
    // Single-byte without code extensions (C.12-2). "ISO_IR 6" is not a defined
    // term but is common in the wild for the default repertoire.
    ISO_IR_6("ISO_IR 6", false, ASCII, null, null),
    ISO_IR_100("ISO_IR 100", false, ASCII, LATIN1, "ISO-8859-1"),
    ISO_IR_101("ISO_IR 101", false, ASCII, LATIN2, "ISO-8859-2"),
    ISO_IR_109("ISO_IR 109", false, ASCII, LATIN3, "ISO-8859-3"),
    ISO_IR_110("ISO_IR 110", false, ASCII, LATIN4, "ISO-8859-4"),
    ISO_IR_144("ISO_IR 144", false, ASCII, CYRILLIC, "ISO-8859-5"),
    ISO_IR_127("ISO_IR 127", false, ASCII, ARABIC, "ISO-8859-6"),
    ISO_IR_126("ISO_IR 126", false, ASCII, GREEK, "ISO-8859-7"),
    ISO_IR_138("ISO_IR 138", false, ASCII, HEBREW, "ISO-8859-8"),
    ISO_IR_148("ISO_IR 148", false, ASCII, LATIN5, "ISO-8859-9"),
    ISO_IR_203("ISO_IR 203", false, ASCII, LATIN9, "ISO-8859-15"),
    /**
     * Decoded as Shift_JIS, a superset of JIS X 0201: DCMTK and Orthanc both do,
     * and real files labelled ISO_IR 13 carry Shift_JIS kanji (Orthanc's
     * Lena-shift-jis.dcm). Encoding stays strictly JIS X 0201.
     */
    ISO_IR_13("ISO_IR 13", false, JIS_X0201_ROMAN, JIS_X0201_KATAKANA, "Shift_JIS"),
    ISO_IR_166("ISO_IR 166", false, ASCII, THAI, "x-iso-8859-11"),

    // Single-byte with code extensions (C.12-3).
    ISO_2022_IR_6("ISO 2022 IR 6", true, ASCII, null, null),
    ISO_2022_IR_100("ISO 2022 IR 100", true, ASCII, LATIN1, null),
    ISO_2022_IR_101("ISO 2022 IR 101", true, ASCII, LATIN2, null),
    ISO_2022_IR_109("ISO 2022 IR 109", true, ASCII, LATIN3, null),
    ISO_2022_IR_110("ISO 2022 IR 110", true, ASCII, LATIN4, null),
    ISO_2022_IR_144("ISO 2022 IR 144", true, ASCII, CYRILLIC, null),
    ISO_2022_IR_127("ISO 2022 IR 127", true, ASCII, ARABIC, null),
    ISO_2022_IR_126("ISO 2022 IR 126", true, ASCII, GREEK, null),
    ISO_2022_IR_138("ISO 2022 IR 138", true, ASCII, HEBREW, null),
    ISO_2022_IR_148("ISO 2022 IR 148", true, ASCII, LATIN5, null),
    ISO_2022_IR_203("ISO 2022 IR 203", true, ASCII, LATIN9, null),
    ISO_2022_IR_13("ISO 2022 IR 13", true, JIS_X0201_ROMAN, JIS_X0201_KATAKANA, null),
    ISO_2022_IR_166("ISO 2022 IR 166", true, ASCII, THAI, null),

    // Multi-byte with code extensions (C.12-4).
    ISO_2022_IR_87("ISO 2022 IR 87", true, JIS_X0208, null, null),
    ISO_2022_IR_159("ISO 2022 IR 159", true, JIS_X0212, null, null),
    ISO_2022_IR_149("ISO 2022 IR 149", true, ASCII, KS_X1001, null),
    ISO_2022_IR_58("ISO 2022 IR 58", true, ASCII, GB2312, null),

    // Multi-byte without code extensions (C.12-5).
    ISO_IR_192("ISO_IR 192", false, null, null, "UTF-8"),
    GB18030("GB18030", false, null, null, "GB18030"),
    GBK("GBK", false, null, null, "GBK");

    private static final Map<String, DefinedTerm> BY_NAME = new HashMap<>();
    private static final Map<String, DefinedTerm> BY_LOOSE_NAME = new HashMap<>();

    static {
        for (DefinedTerm t : values()) {
            BY_NAME.put(t.term, t);
            BY_LOOSE_NAME.put(loose(t.term), t);
        }
    }

    private final String term;
    private final boolean codeExtensions;
    private final CodeElement g0;
    private final CodeElement g1;
    private final String charsetName;

    DefinedTerm(String term, boolean codeExtensions, CodeElement g0, CodeElement g1, String charsetName) {
        this.term = term;
        this.codeExtensions = codeExtensions;
        this.g0 = g0;
        this.g1 = g1;
        this.charsetName = charsetName;
    }

    /** The term as the standard spells it. */
    String term() {
        return term;
    }

    boolean hasCodeExtensions() {
        return codeExtensions;
    }

    /** True for UTF-8, GB18030 and GBK, which cannot be combined with ISO 2022 code extensions. */
    boolean isUnicodeLike() {
        return g0 == null;
    }

    /** The set this term puts in G0 (null for the terms that are not ISO 2022 based). */
    CodeElement g0() {
        return g0;
    }

    /** The set this term puts in G1, or null if none. */
    CodeElement g1() {
        return g1;
    }

    /** The JDK charset decoding whole values of a term without code extensions, or null for ASCII. */
    String charsetName() {
        return charsetName;
    }

    /** The term spelled exactly as the standard does, or null. */
    static DefinedTerm exact(String s) {
        return BY_NAME.get(s);
    }

    /**
     * The term ignoring case, spaces, underscores and hyphens ("ISO_IR100",
     * "iso-ir 100", "ISO2022 IR 87" are seen in the wild), or null.
     */
    static DefinedTerm loosely(String s) {
        return BY_LOOSE_NAME.get(loose(s));
    }

    private static String loose(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '_' && c != '-') {
                sb.append(c);
            }
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }
}
