package io.isengard.dicom.charset;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.VR;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** decode(encode(s)) == s for every character of every set, mixed with ASCII and delimiters. */
class RoundTripTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ISO 2022 IR 100 | LATIN1
            ISO 2022 IR 101 | LATIN2
            ISO 2022 IR 109 | LATIN3
            ISO 2022 IR 110 | LATIN4
            ISO 2022 IR 144 | CYRILLIC
            ISO 2022 IR 127 | ARABIC
            ISO 2022 IR 126 | GREEK
            ISO 2022 IR 138 | HEBREW
            ISO 2022 IR 148 | LATIN5
            ISO 2022 IR 203 | LATIN9
            ISO 2022 IR 13  | JIS_X0201_KATAKANA
            ISO 2022 IR 166 | THAI
            ISO 2022 IR 87  | JIS_X0208
            ISO 2022 IR 159 | JIS_X0212
            ISO 2022 IR 149 | KS_X1001
            ISO 2022 IR 58  | GB2312
            """)
    void everyCharacterOfTheSet(String term, CodeElement element) {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (int cp = 0xA0; cp <= 0xFFFF; cp++) {
            if (element.encode(cp) >= 0) {
                sb.appendCodePoint(cp);
                // Mix in ASCII and delimiters so the encoder switches back and forth.
                sb.append(++n % 5 == 0 ? "a" : n % 7 == 0 ? "^" : n % 11 == 0 ? "\\" : "");
            }
        }
        assertThat(n).as("characters in %s", element).isGreaterThan(element.isMultiByte() ? 5000 : 50);
        String text = sb.toString();
        for (String[] terms : new String[][] {{term}, {"", term}, {"ISO 2022 IR 100", "ISO 2022 IR 126", term}}) {
            SpecificCharacterSet cs = SpecificCharacterSet.of(terms);
            for (VR vr : new VR[] {VR.PN, VR.LO, VR.LT}) {
                byte[] b = cs.encode(text, vr);
                assertThat(cs.decode(b, 0, b.length, vr)).as("%s %s", cs, vr).isEqualTo(text);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ISO_IR 100", "ISO_IR 101", "ISO_IR 109", "ISO_IR 110", "ISO_IR 144", "ISO_IR 127", "ISO_IR 126",
            "ISO_IR 138", "ISO_IR 148", "ISO_IR 203", "ISO_IR 166", "ISO_IR 192", "GB18030", "GBK"})
    void wholeValueCharsets(String term) {
        SpecificCharacterSet cs = SpecificCharacterSet.of(term);
        StringBuilder sb = new StringBuilder();
        for (int cp = 0x20; cp <= 0xFFFF; cp++) {
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                continue;
            }
            String s = Character.toString(cp);
            byte[] b = cs.encode(s, VR.LT);
            if (!(b.length == 1 && b[0] == '?' && cp != '?')) {
                sb.append(s);
            }
        }
        String text = sb.toString();
        byte[] b = cs.encode(text, VR.LT);
        assertThat(cs.decode(b, 0, b.length, VR.LT)).isEqualTo(text);
    }
}
