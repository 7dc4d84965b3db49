package io.isengard.dicom.charset;

import java.nio.charset.Charset;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The graphic character sets that DICOM designates with ISO 2022 escape
 * sequences (PS3.3 Tables C.12-3 and C.12-4): where each one goes (G0 or G1),
 * how many bytes make a character, and the escape sequence that designates it.
 *
 * <p>DICOM works in an 8-bit environment without locking shifts: G0 is always
 * invoked into GL (bytes 0x21-0x7E) and G1 into GR (0xA0-0xFF), so a byte's
 * high bit alone says which set it belongs to.
 */
enum CodeElement {
    ASCII(false, 1, "(B", null),
    /**
     * ISO-IR 14, JIS X 0201 Romaji. It differs from ASCII only at 0x5C (YEN SIGN)
     * and 0x7E (OVERLINE); both are read as ASCII because 0x5C is still the
     * DICOM value delimiter (PS3.5 §6.1.2.3) and because the JDK's JIS_X0201 and
     * Shift_JIS read them that way too.
     */
    JIS_X0201_ROMAN(false, 1, "(J", null),
    LATIN1(true, 1, "-A", "ISO-8859-1"),
    LATIN2(true, 1, "-B", "ISO-8859-2"),
    LATIN3(true, 1, "-C", "ISO-8859-3"),
    LATIN4(true, 1, "-D", "ISO-8859-4"),
    CYRILLIC(true, 1, "-L", "ISO-8859-5"),
    ARABIC(true, 1, "-G", "ISO-8859-6"),
    GREEK(true, 1, "-F", "ISO-8859-7"),
    HEBREW(true, 1, "-H", "ISO-8859-8"),
    LATIN5(true, 1, "-M", "ISO-8859-9"),
    LATIN9(true, 1, "-b", "ISO-8859-15"),
    /** TIS 620-2533; the JDK's ISO 8859-11 is the same set plus NBSP at 0xA0. */
    THAI(true, 1, "-T", "x-iso-8859-11"),
    /** ISO-IR 13, JIS X 0201 half-width Katakana. */
    JIS_X0201_KATAKANA(true, 1, ")I", "JIS_X0201"),
    /** ISO-IR 87; read through EUC-JP, where its cells are two GR bytes. */
    JIS_X0208(false, 2, "$B", "EUC-JP"),
    /** ISO-IR 159; read through EUC-JP, where its cells are SS3 (0x8F) and two GR bytes. */
    JIS_X0212(false, 2, "$(D", "EUC-JP"),
    /** ISO-IR 149, KS X 1001 (Korean); EUC-KR is exactly this set in GR. */
    KS_X1001(true, 2, "$)C", "EUC-KR"),
    /** ISO-IR 58, GB 2312 (Chinese); the JDK's GB2312 is EUC-CN. */
    GB2312(true, 2, "$)A", "GB2312");

    private static final Logger log = LoggerFactory.getLogger(CodeElement.class);

    private final boolean g1;
    private final int bytesPerChar;
    private final byte[] escape;
    private final String charsetName;
    private volatile CodeTable table;

    CodeElement(boolean g1, int bytesPerChar, String escapeTail, String charsetName) {
        this.g1 = g1;
        this.bytesPerChar = bytesPerChar;
        this.charsetName = charsetName;
        this.escape = new byte[escapeTail.length() + 1];
        escape[0] = 0x1B;
        for (int i = 0; i < escapeTail.length(); i++) {
            escape[i + 1] = (byte) escapeTail.charAt(i);
        }
    }

    /** True if designated to G1 (bytes with the high bit set), false for G0. */
    boolean isG1() {
        return g1;
    }

    boolean isMultiByte() {
        return bytesPerChar == 2;
    }

    /** True for the G0 sets in which DICOM's delimiters and ASCII letters are read as ASCII. */
    boolean isAsciiLike() {
        return this == ASCII || this == JIS_X0201_ROMAN;
    }

    /** The escape sequence designating this set, ESC included. */
    byte[] escape() {
        return escape;
    }

    /**
     * The set designated by the escape sequence {@code b[from, to)} (ESC
     * excluded), or null. Besides Table C.12-4, ESC $ @ (JIS C 6226-1978, the
     * 1978 edition of JIS X 0208, found in old Japanese data) is read as JIS X 0208.
     */
    static CodeElement byEscape(byte[] b, int from, int to) {
        for (CodeElement e : values()) {
            if (e.escape.length - 1 == to - from
                    && Arrays.equals(e.escape, 1, e.escape.length, b, from, to)) {
                return e;
            }
        }
        if (to - from == 2 && b[from] == '$' && b[from + 1] == '@') {
            return JIS_X0208;
        }
        return null;
    }

    /** The character of a single byte as it appears in the value (GL for G0, GR for G1). */
    char decode(int b) {
        return isAsciiLike() ? (char) b : table().decode(b);
    }

    /** The character of two bytes as they appear in the value, high bits as found. */
    char decode(int b1, int b2) {
        return table().decode(((b1 & 0x7F) - 0x21) * 94 + ((b2 & 0x7F) - 0x21));
    }

    /**
     * The bytes of {@code codePoint} in this set as they appear in the value
     * (one byte, or two bytes as {@code b1 << 8 | b2}), or -1 if the set lacks it.
     */
    int encode(int codePoint) {
        if (isAsciiLike()) {
            return codePoint >= 0x20 && codePoint < 0x7F ? codePoint : -1;
        }
        int cell = table().encode(codePoint);
        if (cell < 0) {
            return -1;
        }
        if (bytesPerChar == 1) {
            // Only the GR half belongs to the G1 set; the GL half is ASCII in G0.
            return cell >= 0xA0 ? cell : -1;
        }
        int b1 = 0x21 + cell / 94;
        int b2 = 0x21 + cell % 94;
        int code = (b1 << 8) | b2;
        return g1 ? code | 0x8080 : code;
    }

    private CodeTable table() {
        CodeTable t = table;
        if (t == null) {
            t = buildTable();
            table = t; // benign race: tables are immutable and equal
        }
        return t;
    }

    private CodeTable buildTable() {
        Charset cs;
        try {
            cs = Charset.forName(charsetName);
        } catch (IllegalArgumentException e) {
            // Runtimes trimmed by jlink may lack jdk.charsets: degrade to U+FFFD rather than fail.
            log.warn("Charset {} is not available in this Java runtime; {} text will not be decoded",
                    charsetName, this);
            return CodeTable.empty(bytesPerChar == 1 ? 256 : 94 * 94);
        }
        if (bytesPerChar == 1) {
            return CodeTable.singleByte(cs);
        }
        return this == JIS_X0212 ? CodeTable.doubleByte(cs, (byte) 0x8F) : CodeTable.doubleByte(cs);
    }
}
