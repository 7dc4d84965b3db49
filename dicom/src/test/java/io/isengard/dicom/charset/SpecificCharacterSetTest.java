package io.isengard.dicom.charset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.isengard.dicom.VR;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Delimiter resets, fallbacks, robustness and sharing. */
class SpecificCharacterSetTest {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private static String decode(SpecificCharacterSet cs, String hex, VR vr) {
        byte[] b = HEX.parseHex(hex);
        return cs.decode(b, 0, b.length, vr);
    }

    private static String encode(SpecificCharacterSet cs, String text, VR vr) {
        return HEX.formatHex(cs.encode(text, vr));
    }

    // ------------------------------------------------------------ delimiters

    private static final SpecificCharacterSet LATIN1_GREEK = SpecificCharacterSet.of("ISO 2022 IR 100", "ISO 2022 IR 126");

    @Test
    void personNameDelimitersRestoreTheInitialSet() {
        // ESC - F designates Greek; C4 is Δ in Greek, Ä in the initial Latin-1.
        assertThat(decode(LATIN1_GREEK, "1b 2d 46 c4 5e c4", VR.PN)).isEqualTo("Δ^Ä");
        assertThat(decode(LATIN1_GREEK, "1b 2d 46 c4 3d c4", VR.PN)).isEqualTo("Δ=Ä");
        assertThat(decode(LATIN1_GREEK, "1b 2d 46 c4 5c c4", VR.PN)).isEqualTo("Δ\\Ä");
    }

    @Test
    void valueDelimiterRestoresTheInitialSetInStringVrs() {
        for (VR vr : List.of(VR.SH, VR.LO, VR.UC)) {
            assertThat(decode(LATIN1_GREEK, "1b 2d 46 c4 5c c4", vr)).as("%s", vr).isEqualTo("Δ\\Ä");
            // '^' and '=' are ordinary characters outside PN.
            assertThat(decode(LATIN1_GREEK, "1b 2d 46 c4 5e c4", vr)).as("%s", vr).isEqualTo("Δ^Δ");
        }
    }

    @Test
    void textsResetAtControlCharactersOnly() {
        for (VR vr : List.of(VR.ST, VR.LT, VR.UT)) {
            assertThat(decode(LATIN1_GREEK, "1b 2d 46 c4 5c c4", vr)).as("%s", vr).isEqualTo("Δ\\Δ");
            assertThat(decode(LATIN1_GREEK, "1b 2d 46 c4 0d 0a c4", vr)).isEqualTo("Δ\r\nÄ");
            assertThat(decode(LATIN1_GREEK, "1b 2d 46 c4 0c c4", vr)).isEqualTo("Δ\fÄ");
            assertThat(decode(LATIN1_GREEK, "1b 2d 46 c4 09 c4", vr)).isEqualTo("Δ\tÄ");
        }
    }

    @Test
    void encoderRestoresBeforeEachDelimiter() {
        assertThat(encode(LATIN1_GREEK, "Δ\\Δ", VR.LO)).isEqualTo("1b 2d 46 c4 1b 2d 41 5c 1b 2d 46 c4 1b 2d 41");
        assertThat(encode(LATIN1_GREEK, "Δ\\Δ", VR.LT)).isEqualTo("1b 2d 46 c4 5c c4 1b 2d 41");
        assertThat(encode(LATIN1_GREEK, "Δ\r\nΔ", VR.LT)).isEqualTo("1b 2d 46 c4 1b 2d 41 0d 0a 1b 2d 46 c4 1b 2d 41");
        SpecificCharacterSet jis = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        assertThat(encode(jis, "山\\田", VR.LO)).isEqualTo("1b 24 42 3b 33 1b 28 42 5c 1b 24 42 45 44 1b 28 42");
    }

    @Test
    void delimiterBytesInsideJisX0208AreHalvesOfCharacters() {
        // JIS X 0208 0x3C5C is 尺 and 0x5C5E is 權: their bytes are '<' '\' and '\' '^'.
        SpecificCharacterSet jis = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        for (VR vr : List.of(VR.PN, VR.LO)) {
            assertThat(decode(jis, "1b 24 42 3c 5c 5c 5e 1b 28 42 5c 41", vr)).isEqualTo("尺權\\A");
            assertThat(encode(jis, "尺權\\A", vr)).isEqualTo("1b 24 42 3c 5c 5c 5e 1b 28 42 5c 41");
        }
    }

    @Test
    void asciiIsWrittenInTheInitialG0() {
        SpecificCharacterSet jis = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        assertThat(encode(jis, "山 A", VR.LO)).isEqualTo("1b 24 42 3b 33 1b 28 42 20 41");
        // Readers that keep JIS X 0208 across a space still read it as a space.
        assertThat(decode(jis, "1b 24 42 3b 33 20 45 44 1b 28 42", VR.LO)).isEqualTo("山 田");
    }

    // ------------------------------------------------------------ fallbacks

    @Test
    void defaultRepertoireReadsHighBytesAsLatin1AndWritesAscii() {
        SpecificCharacterSet cs = SpecificCharacterSet.DEFAULT;
        assertThat(decode(cs, "4a e9 72 f4 6d 65", VR.PN)).isEqualTo("Jérôme");
        assertThat(encode(cs, "Jérôme", VR.PN)).isEqualTo("4a 3f 72 3f 6d 65");
        assertThat(cs.definedTerms()).isEmpty();
        assertThat(SpecificCharacterSet.of()).isSameAs(SpecificCharacterSet.DEFAULT);
        assertThat(decode(SpecificCharacterSet.of("ISO_IR 6"), "e9", VR.LO)).isEqualTo("é");
        assertThat(decode(SpecificCharacterSet.of(""), "e9", VR.LO)).isEqualTo("é");
    }

    @Test
    void unknownTermFallsBackToTheDefaultRepertoire() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 999");
        assertThat(cs.definedTerms()).containsExactly("ISO_IR 999");
        assertThat(decode(cs, "41 e9", VR.PN)).isEqualTo("Aé");
        assertThat(encode(cs, "Aé", VR.PN)).isEqualTo("41 3f");
        SpecificCharacterSet mixed = SpecificCharacterSet.of("ISO 2022 IR 100", "NO SUCH SET");
        assertThat(decode(mixed, "e9", VR.PN)).isEqualTo("é");
    }

    @Test
    void nonStandardSpellingsAreRecognised() {
        assertThat(decode(SpecificCharacterSet.of("ISO_IR100"), "c4", VR.LO)).isEqualTo("Ä");
        assertThat(decode(SpecificCharacterSet.of("iso-ir 126"), "c4", VR.LO)).isEqualTo("Δ");
        assertThat(decode(SpecificCharacterSet.of("iso_ir 192"), "c3 a9", VR.LO)).isEqualTo("é");
    }

    @Test
    void unrepresentableCharactersBecomeQuestionMarks() {
        assertThat(encode(SpecificCharacterSet.of("ISO_IR 100"), "AΔ", VR.LO)).isEqualTo("41 3f");
        assertThat(encode(SpecificCharacterSet.of("ISO_IR 13"), "A山", VR.LO)).isEqualTo("41 3f");
        // Outside the BMP: one '?' per character, written in ASCII after returning from JIS X 0208.
        SpecificCharacterSet jis = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        assertThat(encode(jis, "山😀", VR.LO)).isEqualTo("1b 24 42 3b 33 1b 28 42 3f");
        assertThat(encode(jis, "\u001b", VR.LT)).isEqualTo("3f");
    }

    @Test
    void unicodeSetsKeepCharactersOutsideTheBmp() {
        for (String term : List.of("ISO_IR 192", "GB18030")) {
            SpecificCharacterSet cs = SpecificCharacterSet.of(term);
            String s = "𠀀€😀^é";
            byte[] b = cs.encode(s, VR.PN);
            assertThat(cs.decode(b, 0, b.length, VR.PN)).as(term).isEqualTo(s);
        }
        assertThat(encode(SpecificCharacterSet.of("GB18030"), "𠀀", VR.LO)).isEqualTo("95 32 82 36");
    }

    @Test
    void unicodeSetsIgnoreCodeExtensions() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 192", "ISO 2022 IR 87");
        assertThat(decode(cs, "e5 b1 b1", VR.PN)).isEqualTo("山");
    }

    @Test
    void singleByteTermsAmongSeveralValuesActAsTheirIso2022Forms() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 100", "ISO 2022 IR 87");
        assertThat(decode(cs, "e9 1b 24 42 3b 33 1b 28 42", VR.PN)).isEqualTo("é山");
        assertThat(encode(cs, "é山", VR.PN)).isEqualTo("e9 1b 24 42 3b 33 1b 28 42");
    }

    /**
     * Deliberate difference with DCMTK on glibc: ISO_IR 13 is read as Shift_JIS
     * by both, but glibc's SHIFT_JIS turns 0x5C into YEN SIGN and 0x7E into
     * OVERLINE; we keep '\' (the value delimiter, PS3.5 §6.1.2.3) and '~', as
     * the JDK and Orthanc's tests do.
     */
    @Test
    void isoIr13KeepsBackslashAndTilde() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 13");
        assertThat(decode(cs, "41 5c 7e b1", VR.LO)).isEqualTo("A\\~ｱ");
        // Shift_JIS kanji as found in files labelled ISO_IR 13 (Orthanc's Lena-shift-jis.dcm).
        assertThat(decode(cs, "8e 52 93 63", VR.LO)).isEqualTo("山田");
        assertThat(encode(cs, "A\\~ｱ", VR.LO)).isEqualTo("41 5c 7e b1");
    }

    // ------------------------------------------------------------ robustness

    @Test
    void malformedInputDecodesWithoutThrowing() {
        SpecificCharacterSet jis = SpecificCharacterSet.of("", "ISO 2022 IR 87", "ISO 2022 IR 149");
        assertThat(decode(jis, "41 1b", VR.PN)).isEqualTo("A\uFFFD"); // truncated escape
        assertThat(decode(jis, "41 1b 24", VR.PN)).isEqualTo("A\uFFFD");
        assertThat(decode(jis, "1b 28 5a 41", VR.PN)).isEqualTo("\uFFFDA"); // unknown set
        assertThat(decode(jis, "1b 24 42 3b", VR.PN)).isEqualTo("\uFFFD"); // half a character
        assertThat(decode(jis, "1b 24 42 3b 0d 41", VR.LT)).isEqualTo("\uFFFD\rA");
        assertThat(decode(jis, "1b 24 29 43 c7", VR.PN)).isEqualTo("\uFFFD");
        assertThat(decode(jis, "1b 24 42 7f 7f 1b 28 42", VR.PN)).isEqualTo("\u007f\u007f");
        assertThat(decode(jis, "1b 24 42 22 7f 1b 28 42", VR.PN)).isEqualTo("\uFFFD\u007f");
        assertThat(decode(SpecificCharacterSet.of("ISO_IR 192"), "41 ff c3", VR.PN)).isEqualTo("A\uFFFD\uFFFD");
        assertThat(decode(SpecificCharacterSet.of("ISO_IR 127"), "a1", VR.LO)).isEqualTo("\uFFFD");
        assertThat(decode(SpecificCharacterSet.of("ISO 2022 IR 13"), "a0", VR.LO)).isEqualTo("\uFFFD");
        assertThatCode(() -> {
            byte[] all = new byte[512];
            for (int i = 0; i < all.length; i++) {
                all[i] = (byte) (i * 7);
            }
            for (VR vr : VR.values()) {
                jis.decode(all, 0, all.length, vr);
                SpecificCharacterSet.of("ISO 2022 IR 13", "ISO 2022 IR 159", "ISO 2022 IR 58").decode(all, 1, 300, vr);
            }
            jis.decode(all, 3, 0, null);
        }).doesNotThrowAnyException();
    }

    @Test
    void decodesARangeOfTheArray() {
        byte[] b = "xxHÉLLOxx".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(SpecificCharacterSet.of("ISO_IR 100").decode(b, 2, 5, VR.LO)).isEqualTo("HÉLLO");
        assertThat(SpecificCharacterSet.of("ISO 2022 IR 100").decode(b, 2, 5, VR.LO)).isEqualTo("HÉLLO");
    }

    // ------------------------------------------------------------ sharing

    @Test
    void instancesAreCachedAndComparedByTerms() {
        SpecificCharacterSet a = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        assertThat(SpecificCharacterSet.of("", "ISO 2022 IR 87")).isSameAs(a).isEqualTo(a);
        assertThat(a.definedTerms()).containsExactly("", "ISO 2022 IR 87");
        assertThat(a).hasToString("SpecificCharacterSet[\\ISO 2022 IR 87]");
    }

    @Test
    void isSafeToShareBetweenThreads() {
        // The first use of a set builds its table; race many threads on it.
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 159", "ISO 2022 IR 58");
        String text = "丂=张^A";
        byte[] expected = cs.encode(text, VR.PN);
        List<Boolean> ok = IntStream.range(0, 64).parallel()
                .mapToObj(i -> {
                    byte[] b = cs.encode(text, VR.PN);
                    return java.util.Arrays.equals(b, expected) && cs.decode(b, 0, b.length, VR.PN).equals(text);
                })
                .toList();
        assertThat(ok).containsOnly(true);
    }
}
