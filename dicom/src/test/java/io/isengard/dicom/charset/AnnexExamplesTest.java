package io.isengard.dicom.charset;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.VR;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The examples of PS3.5 Annexes H (Japanese), I (Korean), J (UTF-8, GB18030,
 * GBK) and K (Chinese, ISO 2022 IR 58) as byte fixtures: decoding gives the
 * standard's text, and encoding the text gives the standard's bytes back.
 * The person name bytes are also those of David Clunie's SCSH31, SCSH32,
 * SCSI2, SCSX1 and SCSX2 samples.
 */
class AnnexExamplesTest {

    private static byte[] hex(String s) {
        return HexFormat.ofDelimiter(" ").parseHex(s);
    }

    private static void assertCodes(SpecificCharacterSet cs, VR vr, String text, byte[] bytes) {
        assertThat(cs.decode(bytes, 0, bytes.length, vr)).isEqualTo(text);
        assertThat(HexFormat.ofDelimiter(" ").formatHex(cs.encode(text, vr)))
                .isEqualTo(HexFormat.ofDelimiter(" ").formatHex(bytes));
    }

    @Test
    void annexH_japaneseWithJisX0208() {
        assertCodes(SpecificCharacterSet.of("", "ISO 2022 IR 87"), VR.PN,
                "Yamada^Tarou=山田^太郎=やまだ^たろう",
                hex("59 61 6d 61 64 61 5e 54 61 72 6f 75 3d 1b 24 42 3b 33 45 44 1b 28 42 5e 1b 24 42 42 40 4f 3a"
                        + " 1b 28 42 3d 1b 24 42 24 64 24 5e 24 40 1b 28 42 5e 1b 24 42 24 3f 24 6d 24 26 1b 28 42"));
    }

    @Test
    void annexH_japaneseWithKatakanaAndJisX0208() {
        assertCodes(SpecificCharacterSet.of("ISO 2022 IR 13", "ISO 2022 IR 87"), VR.PN,
                "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう",
                hex("d4 cf c0 de 5e c0 db b3 3d 1b 24 42 3b 33 45 44 1b 28 4a 5e 1b 24 42 42 40 4f 3a 1b 28 4a"
                        + " 3d 1b 24 42 24 64 24 5e 24 40 1b 28 4a 5e 1b 24 42 24 3f 24 6d 24 26 1b 28 4a"));
    }

    @Test
    void annexI_koreanPersonName() {
        assertCodes(SpecificCharacterSet.of("", "ISO 2022 IR 149"), VR.PN,
                "Hong^Gildong=洪^吉洞=홍^길동",
                hex("48 6f 6e 67 5e 47 69 6c 64 6f 6e 67 3d 1b 24 29 43 fb f3 5e 1b 24 29 43 d1 ce d4 d7 3d"
                        + " 1b 24 29 43 c8 ab 5e 1b 24 29 43 b1 e6 b5 bf"));
    }

    /** A Korean text in the manner of Annex I: KS X 1001 is designated again after each line end. */
    @Test
    void annexI_koreanTextLines() {
        assertCodes(SpecificCharacterSet.of("", "ISO 2022 IR 149"), VR.LT,
                "The 1st line includes 한글.\r\nThe 2nd line includes 한글, too.\r\nThe 3rd line.",
                hex("54 68 65 20 31 73 74 20 6c 69 6e 65 20 69 6e 63 6c 75 64 65 73 20 1b 24 29 43 c7 d1 b1 db 2e"
                        + " 0d 0a 54 68 65 20 32 6e 64 20 6c 69 6e 65 20 69 6e 63 6c 75 64 65 73 20"
                        + " 1b 24 29 43 c7 d1 b1 db 2c 20 74 6f 6f 2e 0d 0a 54 68 65 20 33 72 64 20 6c 69 6e 65 2e"));
    }

    @Test
    void annexJ_utf8() {
        assertCodes(SpecificCharacterSet.of("ISO_IR 192"), VR.PN,
                "Wang^XiaoDong=王^小東=",
                hex("57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d e7 8e 8b 5e e5 b0 8f e6 9d b1 3d"));
    }

    @Test
    void annexJ_gb18030() {
        assertCodes(SpecificCharacterSet.of("GB18030"), VR.PN,
                "Wang^XiaoDong=王^小东=",
                hex("57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d cd f5 5e d0 a1 b6 ab 3d"));
    }

    @Test
    void annexJ_gb18030Text() {
        assertCodes(SpecificCharacterSet.of("GB18030"), VR.LT,
                "The first line includes中文.\r\nThe second line includes中文, too.\r\nThe third line.",
                hex("54 68 65 20 66 69 72 73 74 20 6c 69 6e 65 20 69 6e 63 6c 75 64 65 73 d6 d0 ce c4 2e 0d 0a"
                        + " 54 68 65 20 73 65 63 6f 6e 64 20 6c 69 6e 65 20 69 6e 63 6c 75 64 65 73 d6 d0 ce c4"
                        + " 2c 20 74 6f 6f 2e 0d 0a 54 68 65 20 74 68 69 72 64 20 6c 69 6e 65 2e"));
    }

    @Test
    void annexJ_gbk() {
        assertCodes(SpecificCharacterSet.of("GBK"), VR.PN,
                "Wang^XiaoDong=王^小东=",
                hex("57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d cd f5 5e d0 a1 b6 ab 3d"));
    }

    @Test
    void annexK_chinesePersonNameWithGb2312() {
        assertCodes(SpecificCharacterSet.of("", "ISO 2022 IR 58"), VR.PN,
                "Zhang^XiaoDong=张^小东=",
                hex("5a 68 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d 1b 24 29 41 d5 c5 5e 1b 24 29 41 d0 a1 b6 ab 3d"));
    }

    @Test
    void annexK_chineseTextWithGb2312() {
        assertCodes(SpecificCharacterSet.of("", "ISO 2022 IR 58"), VR.LT,
                "1.第一行文字。\r\n2.第二行文字。\r\n3.第三行文字。\r\n",
                hex("31 2e 1b 24 29 41 b5 da d2 bb d0 d0 ce c4 d7 d6 a1 a3 0d 0a"
                        + " 32 2e 1b 24 29 41 b5 da b6 fe d0 d0 ce c4 d7 d6 a1 a3 0d 0a"
                        + " 33 2e 1b 24 29 41 b5 da c8 fd d0 d0 ce c4 d7 d6 a1 a3 0d 0a"));
    }

    /** JIS X 0212 (ISO 2022 IR 159) is designated with a four-byte escape, ESC $ ( D. */
    @Test
    void jisX0212AfterJisX0208() {
        assertCodes(SpecificCharacterSet.of("", "ISO 2022 IR 87", "ISO 2022 IR 159"), VR.LO,
                "山丂",
                hex("1b 24 42 3b 33 1b 24 28 44 30 21 1b 28 42"));
    }
}
