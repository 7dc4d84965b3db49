package io.isengard.dicom.charset;

import io.isengard.dicom.VR;
import java.nio.charset.StandardCharsets;

/**
 * Decodes values written with ISO 2022 code extensions (PS3.5 §6.1.2.5): escape
 * sequences designate sets to G0 and G1, and the initial sets come back at
 * each delimiter. Delimiters are recognised only while G0 holds a single-byte
 * set, since in JIS X 0208 or JIS X 0212 the bytes of '^', '=' and '\' are
 * halves of characters.
 *
 * <p>Lenient by design, as archives hold what modalities wrote: escapes of sets
 * not declared in (0008,0005) are honoured, GR bytes while no G1 set is
 * designated are read as Latin-1 (as the default repertoire is, see
 * {@link SpecificCharacterSet#DEFAULT}), and bytes that make no character give U+FFFD.
 */
final class Iso2022Decoder {
    private final CodeElement initialG0;
    private final CodeElement initialG1;

    /** @param initialG1 may be null (no G1 set until an escape designates one) */
    Iso2022Decoder(CodeElement initialG0, CodeElement initialG1) {
        this.initialG0 = initialG0;
        this.initialG1 = initialG1;
    }

    String decode(byte[] b, int offset, int length, VR vr) {
        int end = offset + length;
        if (isPlainAscii(b, offset, end)) {
            return new String(b, offset, length, StandardCharsets.ISO_8859_1);
        }
        // Every byte, pair or escape sequence gives at most one char.
        char[] out = new char[length];
        int n = 0;
        CodeElement g0 = initialG0;
        CodeElement g1 = initialG1;
        int i = offset;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c == Delimiters.ESC) {
                int j = i + 1;
                while (j < end && (b[j] & 0xFF) >= 0x20 && (b[j] & 0xFF) <= 0x2F) {
                    j++; // intermediate bytes
                }
                if (j == i + 1 || j >= end || (b[j] & 0xFF) < 0x30 || (b[j] & 0xFF) > 0x7E) {
                    // Truncated, or not a designation: drop what was read, keep the rest.
                    out[n++] = CodeTable.UNMAPPED;
                    i = j;
                    continue;
                }
                CodeElement e = CodeElement.byEscape(b, i + 1, j + 1);
                if (e == null) {
                    out[n++] = CodeTable.UNMAPPED;
                } else if (e.isG1()) {
                    g1 = e;
                } else {
                    g0 = e;
                }
                i = j + 1;
            } else if (c < 0x80) {
                // Single-byte G0 sets are read as ASCII (see CodeElement.JIS_X0201_ROMAN);
                // SPACE and DEL are not part of a 94-character set, whatever G0 holds.
                if (c <= 0x20 || c == 0x7F || !g0.isMultiByte()) {
                    if (Delimiters.resets(c, vr)) {
                        g0 = initialG0;
                        g1 = initialG1;
                    }
                    out[n++] = (char) c;
                    i++;
                } else if (i + 1 < end && isGl94(b[i + 1] & 0xFF)) {
                    out[n++] = g0.decode(c, b[i + 1] & 0xFF);
                    i += 2;
                } else {
                    out[n++] = CodeTable.UNMAPPED;
                    i++;
                }
            } else if (c < 0xA0 || g1 == null) {
                // C1 controls, and GR without a designated set: Latin-1.
                out[n++] = (char) c;
                i++;
            } else if (!g1.isMultiByte()) {
                out[n++] = g1.decode(c);
                i++;
            } else if (isGr94(c) && i + 1 < end && isGr94(b[i + 1] & 0xFF)) {
                out[n++] = g1.decode(c, b[i + 1] & 0xFF);
                i += 2;
            } else {
                out[n++] = CodeTable.UNMAPPED;
                i++;
            }
        }
        return new String(out, 0, n);
    }

    private boolean isPlainAscii(byte[] b, int from, int to) {
        if (initialG0.isMultiByte()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (b[i] < 0 || b[i] == Delimiters.ESC) {
                return false;
            }
        }
        return true;
    }

    private static boolean isGl94(int c) {
        return c >= 0x21 && c <= 0x7E;
    }

    private static boolean isGr94(int c) {
        return c >= 0xA1 && c <= 0xFE;
    }
}
