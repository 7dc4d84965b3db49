package io.isengard.dicom.io;

import static io.isengard.dicom.io.ParseErrors.parseError;
import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.DicomParseException;
import io.isengard.dicom.Tag;
import io.isengard.dicom.TransferSyntax;
import java.util.Arrays;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Inputs that are not a DICOM file at all, or whose preamble and meta group are broken. */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HeaderErrorsTest {

    @ParameterizedTest
    @EnumSource(Reading.class)
    void emptyInput(Reading how) {
        DicomParseException e = parseError(how, new byte[0]);
        assertThat(e.offset()).isZero();
        assertThat(e.getMessage()).contains("empty").contains("expected");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void justAPreamble(Reading how) {
        DicomParseException e = parseError(how, new byte[128]);
        assertThat(e.offset()).isZero();
        assertThat(e.getMessage()).contains("DICM");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void preambleAndDicmWithoutMetaGroup(Reading how) {
        byte[] input = RawBytes.le().zeros(128).ascii("DICM").toArray();
        DicomParseException e = parseError(how, input);
        assertThat(e.offset()).isEqualTo(132);
        assertThat(e.getMessage()).contains("Transfer Syntax UID (0002,0010)");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void metaGroupWithoutTransferSyntax(Reading how) {
        RawBytes b = RawBytes.le().zeros(128).ascii("DICM")
                .explicit(Tag.MediaStorageSOPClassUID, "UI", "1.2.840.10008.5.1.4.1.1.7\0")
                .explicit(Tag.MediaStorageSOPInstanceUID, "UI", "1.2.3.4\0");
        int end = b.size();
        b.explicit(0x00100010, "PN", "Doe^John");
        DicomParseException e = parseError(how, b.toArray());
        assertThat(e.offset()).isEqualTo(end);
        assertThat(e.getMessage()).contains("Transfer Syntax UID (0002,0010)");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void metaGroupWithoutPreambleNorTransferSyntax(Reading how) {
        RawBytes b = RawBytes.le().explicit(Tag.MediaStorageSOPInstanceUID, "UI", "1.2.3.4\0");
        b.explicit(0x00100010, "PN", "Doe^John");
        assertThat(parseError(how, b.toArray()).getMessage()).contains("Transfer Syntax UID (0002,0010)");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void metaElementCutShort(Reading how) {
        byte[] input = RawBytes.le().zeros(128).ascii("DICM").tag(Tag.TransferSyntaxUID).ascii("UI").toArray();
        DicomParseException e = parseError(how, input);
        assertThat(e.offset()).isEqualTo(138);
        assertThat(e.getMessage()).contains("unexpected end of input").contains("value length");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void metaElementWithUnknownVR(Reading how) {
        byte[] input = RawBytes.le().zeros(128).ascii("DICM").tag(Tag.TransferSyntaxUID).ascii("Q?").u16(2)
                .ascii("1\0").toArray();
        DicomParseException e = parseError(how, input);
        assertThat(e.offset()).isEqualTo(136);
        assertThat(e.getMessage()).contains("unknown VR 'Q?'").contains("expected one of the two-letter VRs");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void transferSyntaxValueRunsPastTheEnd(Reading how) {
        byte[] input = RawBytes.le().zeros(128).ascii("DICM").explicit(Tag.TransferSyntaxUID, "UI", 0xFFFF)
                .ascii("1.2.840.10008.1.2.1\0").toArray();
        DicomParseException e = parseError(how, input);
        assertThat(e.getMessage()).containsAnyOf("unexpected end of input", "bytes are left").contains("65535");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void preambleCutShort(Reading how) {
        byte[] dicm = RawBytes.le().zeros(128).ascii("DICM").toArray();
        for (int n = 1; n < dicm.length; n++) {
            parseError(how, Arrays.copyOf(dicm, n));
        }
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void explicitBigEndianHeaderIsStillReadLittleEndian(Reading how) throws Exception {
        // A sanity check of the fixtures: a valid file reads.
        byte[] input = RawBytes.part10(TransferSyntax.ExplicitVRBigEndian).explicit(0x00100010, "PN", "Doe^John")
                .toArray();
        assertThat(how.read(input).dataSet().string(0x00100010)).isEqualTo("Doe^John");
    }
}
