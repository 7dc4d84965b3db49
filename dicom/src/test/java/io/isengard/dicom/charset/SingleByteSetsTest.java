package io.isengard.dicom.charset;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.VR;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each single-byte set, with and without code extensions, on characters that only it has. */
class SingleByteSetsTest {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ISO_IR 100 | Buc^Jérôme            | 42 75 63 5e 4a e9 72 f4 6d 65
            ISO_IR 101 | Dvořák Łódź           | 44 76 6f f8 e1 6b 20 a3 f3 64 bc
            ISO_IR 109 | Ĝĝĥ ħ                 | d8 f8 b6 20 b1
            ISO_IR 110 | ķŗ                    | f3 b3
            ISO_IR 144 | Люкceмбypг            | bb ee da 63 65 dc d1 79 70 d3
            ISO_IR 127 | قباني^لنزار           | e2 c8 c7 e6 ea 5e e4 e6 d2 c7 d1
            ISO_IR 126 | Διονυσιος             | c4 e9 ef ed f5 f3 e9 ef f2
            ISO_IR 138 | שרון^דבורה            | f9 f8 e5 ef 5e e3 e1 e5 f8 e4
            ISO_IR 148 | İstanbul ş            | dd 73 74 61 6e 62 75 6c 20 fe
            ISO_IR 203 | €Œ                    | a4 bc
            ISO_IR 13  | ﾔﾏﾀﾞ^ﾀﾛｳ              | d4 cf c0 de 5e c0 db b3
            ISO_IR 166 | ภาษาไทย               | c0 d2 c9 d2 e4 b7 c2
            """)
    void withoutCodeExtensions(String term, String text, String hex) {
        assertCodes(SpecificCharacterSet.of(term), text, hex);
        // The same value under the ISO 2022 form of the term needs no escape:
        // the set is the initial G1.
        assertCodes(SpecificCharacterSet.of(term.replace("ISO_IR", "ISO 2022 IR")), text, hex);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ISO 2022 IR 100 | 1b 2d 41 | e0
            ISO 2022 IR 101 | 1b 2d 42 | e0
            ISO 2022 IR 109 | 1b 2d 43 | e0
            ISO 2022 IR 110 | 1b 2d 44 | e0
            ISO 2022 IR 144 | 1b 2d 4c | e0
            ISO 2022 IR 127 | 1b 2d 47 | e0
            ISO 2022 IR 126 | 1b 2d 46 | e0
            ISO 2022 IR 138 | 1b 2d 48 | e0
            ISO 2022 IR 148 | 1b 2d 4d | e0
            ISO 2022 IR 203 | 1b 2d 62 | e0
            ISO 2022 IR 13  | 1b 29 49 | c1
            ISO 2022 IR 166 | 1b 2d 54 | e0
            """)
    void designatedAsCodeExtension(String term, String escape, String highByte) {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 6", term);
        byte[] b = HEX.parseHex(highByte);
        String c = SpecificCharacterSet.of(term).decode(b, 0, 1, VR.LO);
        assertThat(c).isNotEqualTo("\uFFFD");
        // ESC <designation> and the byte, then nothing at the end: value 1 has no G1 set to return to.
        assertCodes(cs, "A" + c, "41 " + escape + " " + highByte);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ISO 2022 IR 100\\ISO 2022 IR 126\\ISO 2022 IR 144 | Jérôme^Δ=Ж | 4a e9 72 f4 6d 65 5e 1b 2d 46 c4 1b 2d 41 3d 1b 2d 4c b6 1b 2d 41
            ISO 2022 IR 148\\ISO 2022 IR 126                  | şΩş         | fe 1b 2d 46 d9 1b 2d 4d fe
            """)
    void switchesBetweenG1Sets(String terms, String text, String hex) {
        assertCodes(SpecificCharacterSet.of(terms.split("\\\\")), text, hex);
    }

    private static void assertCodes(SpecificCharacterSet cs, String text, String hex) {
        byte[] bytes = HEX.parseHex(hex);
        assertThat(cs.decode(bytes, 0, bytes.length, VR.PN)).isEqualTo(text);
        assertThat(HEX.formatHex(cs.encode(text, VR.PN))).isEqualTo(hex);
    }
}
