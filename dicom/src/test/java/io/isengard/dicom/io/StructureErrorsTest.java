package io.isengard.dicom.io;

import static io.isengard.dicom.io.ParseErrors.parseError;
import static io.isengard.dicom.io.RawBytes.UNDEFINED;
import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.DicomParseException;
import io.isengard.dicom.TransferSyntax;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Items, delimiters and fragments where they don't belong; unknown VRs; undefined lengths where not allowed. */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StructureErrorsTest {
    private static final int PATIENT_NAME = 0x00100010;
    private static final int PATIENT_ID = 0x00100020;
    private static final int REFERENCED_STUDY_SEQUENCE = 0x00081110;
    private static final int PIXEL_DATA = 0x7FE00010;
    private static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";

    private static RawBytes body() {
        return RawBytes.part10(TransferSyntax.ExplicitVRLittleEndian).explicit(PATIENT_NAME, "PN", "Doe^John");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void itemTagAtTopLevel(Reading how) {
        RawBytes b = body();
        int at = b.size();
        b.item(0).explicit(PATIENT_ID, "LO", "42");
        DicomParseException e = parseError(how, b.toArray());
        assertThat(e.offset()).isEqualTo(at);
        assertThat(e.getMessage()).contains("fffe,e000", "outside a sequence", "expected a data element");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void sequenceDelimiterAtTopLevel(Reading how) {
        RawBytes b = body();
        int at = b.size();
        b.sequenceDelimiter();
        DicomParseException e = parseError(how, b.toArray());
        assertThat(e.offset()).isEqualTo(at);
        assertThat(e.getMessage()).contains("fffe,e0dd", "sequence delimiter outside a sequence",
                "expected a data element");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void itemDelimiterAtTopLevel(Reading how) {
        RawBytes b = body();
        int at = b.size();
        b.itemDelimiter();
        DicomParseException e = parseError(how, b.toArray());
        assertThat(e.offset()).isEqualTo(at);
        assertThat(e.getMessage()).contains("Item Delimitation Item (FFFE,E00D)", "expected a data element");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void itemDelimiterInAnItemOfDefinedLength(Reading how) {
        RawBytes b = body().explicit(REFERENCED_STUDY_SEQUENCE, "SQ", UNDEFINED).item(16);
        int at = b.size();
        b.itemDelimiter().explicit(PATIENT_ID, "LO", "").sequenceDelimiter();
        DicomParseException e = parseError(how, b.toArray());
        assertThat(e.offset()).isEqualTo(at);
        assertThat(e.getMessage()).contains("outside an item of undefined length", "expected a data element");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void elementPastTheEndOfItsItem(Reading how) {
        RawBytes b = body().explicit(REFERENCED_STUDY_SEQUENCE, "SQ", UNDEFINED).item(12);
        int at = b.size();
        b.explicit(PATIENT_ID, "LO", "0123456789").sequenceDelimiter();
        DicomParseException e = parseError(how, b.toArray());
        assertThat(e.offset()).isEqualTo(at);
        assertThat(e.getMessage()).contains("0010,0020", "has a length of 10 bytes",
                "runs past the end of its enclosing item at offset " + (at + 12));
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void nestedSequencePastTheEndOfItsItem(Reading how) {
        RawBytes b = body().explicit(REFERENCED_STUDY_SEQUENCE, "SQ", UNDEFINED).item(20);
        int at = b.size();
        b.explicit(0x00081115, "SQ", 16).item(8).explicit(PATIENT_ID, "LO", "01").sequenceDelimiter();
        DicomParseException e = parseError(how, b.toArray());
        assertThat(e.offset()).isEqualTo(at);
        assertThat(e.getMessage()).contains("0008,1115", "runs past the end of its enclosing item");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void itemPastTheEndOfItsSequence(Reading how) {
        RawBytes b = body().explicit(REFERENCED_STUDY_SEQUENCE, "SQ", 18);
        int at = b.size();
        b.item(12).explicit(PATIENT_ID, "LO", "01").explicit(0x00100030, "DA", "");
        DicomParseException e = parseError(how, b.toArray());
        assertThat(e.offset()).isEqualTo(at);
        assertThat(e.getMessage()).contains("item of 12 bytes runs past the end of sequence 0008,1110");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void sequenceLongerThanItsItems(Reading how) {
        // The last "item" starts inside the sequence but its header crosses the sequence's end.
        RawBytes b = body().explicit(REFERENCED_STUDY_SEQUENCE, "SQ", 12).item(0);
        b.explicit(PATIENT_ID, "LO", "0123");
        DicomParseException e = parseError(how, b.toArray());
        assertThat(e.getMessage()).contains("0010,0020", "sequence 0008,1110", "expected an item");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void nonItemTagInsideASequence(Reading how) {
        RawBytes b = body().explicit(REFERENCED_STUDY_SEQUENCE, "SQ", UNDEFINED);
        int at = b.size();
        b.explicit(PATIENT_ID, "LO", "42").sequenceDelimiter();
        DicomParseException e = parseError(how, b.toArray());
        assertThat(e.offset()).isEqualTo(at);
        assertThat(e.getMessage()).contains("found 0010,0020 in sequence 0008,1110",
                "expected an item (FFFE,E000) or a sequence delimiter (FFFE,E0DD)");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void itemDelimiterInsteadOfItem(Reading how) {
        RawBytes b = body().explicit(REFERENCED_STUDY_SEQUENCE, "SQ", UNDEFINED);
        int at = b.size();
        b.itemDelimiter().sequenceDelimiter();
        DicomParseException e = parseError(how, b.toArray());
        assertThat(e.offset()).isEqualTo(at);
        assertThat(e.getMessage()).contains("found fffe,e00d", "expected an item");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void sequenceDelimiterInSequenceOfDefinedLength(Reading how) {
        RawBytes b = body().explicit(REFERENCED_STUDY_SEQUENCE, "SQ", 16).item(0);
        int at = b.size();
        b.sequenceDelimiter();
        DicomParseException e = parseError(how, b.toArray());
        assertThat(e.offset()).isEqualTo(at);
        assertThat(e.getMessage()).contains("Sequence Delimitation Item", "of defined length", "expected an item");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void unterminatedSequenceAtEndOfInput(Reading how) {
        byte[] input = body().explicit(REFERENCED_STUDY_SEQUENCE, "SQ", UNDEFINED).item(UNDEFINED)
                .explicit(PATIENT_ID, "LO", "42").toArray();
        DicomParseException e = parseError(how, input);
        assertThat(e.offset()).isEqualTo(input.length);
        assertThat(e.getMessage()).contains("unexpected end of input", "expected 4 bytes of a tag, 0 left");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void fragmentWithUndefinedLength(Reading how) {
        RawBytes b = RawBytes.le().raw(RawBytes.part10Header(TransferSyntax.of(JPEG_BASELINE)))
                .explicit(PIXEL_DATA, "OB", UNDEFINED).item(0);
        int at = b.size();
        b.item(UNDEFINED).raw(new byte[] {(byte) 0xFF, (byte) 0xD8}).sequenceDelimiter();
        DicomParseException e = parseError(how, b.toArray());
        assertThat(e.offset()).isEqualTo(at);
        assertThat(e.getMessage()).contains("fragment of 7fe0,0010 has undefined length",
                "fragments must have a defined length");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void nonItemTagAmongFragments(Reading how) {
        RawBytes b = RawBytes.le().raw(RawBytes.part10Header(TransferSyntax.of(JPEG_BASELINE)))
                .explicit(PIXEL_DATA, "OB", UNDEFINED).item(0);
        int at = b.size();
        b.explicit(PATIENT_ID, "LO", "42").sequenceDelimiter();
        DicomParseException e = parseError(how, b.toArray());
        assertThat(e.offset()).isEqualTo(at);
        assertThat(e.getMessage()).contains("encapsulated pixel data", "expected a fragment item (FFFE,E000)");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void unknownVR(Reading how) {
        RawBytes b = body();
        int at = b.size();
        b.tag(PATIENT_ID).ascii("XY").u16(2).ascii("42");
        DicomParseException e = parseError(how, b.toArray());
        assertThat(e.offset()).isEqualTo(at + 4);
        assertThat(e.getMessage()).contains("unknown VR 'XY' for element 0010,0020",
                "expected one of the two-letter VRs");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void unprintableVR(Reading how) {
        RawBytes b = body();
        b.tag(PATIENT_ID).raw((byte) 0, (byte) 0x9F).u16(2).ascii("42");
        assertThat(parseError(how, b.toArray()).getMessage()).contains("unknown VR '\\x00\\x9F'");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void undefinedLengthOnExplicitText(Reading how) {
        RawBytes b = body();
        int at = b.size();
        b.explicit(0x00204000, "UT", UNDEFINED).ascii("text").sequenceDelimiter();
        DicomParseException e = parseError(how, b.toArray());
        assertThat(e.offset()).isEqualTo(at);
        assertThat(e.getMessage()).contains("0020,4000 (UT) has undefined length",
                "only SQ, UN and encapsulated pixel data (OB/OW) may have");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void undefinedLengthOnExplicitFloats(Reading how) {
        byte[] input = body().explicit(0x00660016, "OF", UNDEFINED).zeros(8).sequenceDelimiter().toArray();
        assertThat(parseError(how, input).getMessage()).contains("(OF) has undefined length");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void undefinedLengthOnImplicitGroupLength(Reading how) {
        RawBytes b = RawBytes.part10(TransferSyntax.ImplicitVRLittleEndian);
        int at = b.size();
        b.implicit(0x00080000, UNDEFINED).u32(0);
        DicomParseException e = parseError(how, b.toArray());
        assertThat(e.offset()).isEqualTo(at);
        assertThat(e.getMessage()).contains("0008,0000 (UL) has undefined length");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void structureErrorsInBigEndian(Reading how) {
        RawBytes b = RawBytes.part10(TransferSyntax.ExplicitVRBigEndian)
                .explicit(REFERENCED_STUDY_SEQUENCE, "SQ", UNDEFINED);
        int at = b.size();
        b.explicit(PATIENT_ID, "LO", "42").sequenceDelimiter();
        DicomParseException e = parseError(how, b.toArray());
        assertThat(e.offset()).isEqualTo(at);
        assertThat(e.getMessage()).contains("found 0010,0020 in sequence 0008,1110");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void structureErrorsInsideImplicitUNSequence(Reading how) {
        // CP-246: inside a UN of undefined length, items are implicit VR little endian even in big endian files.
        RawBytes b = RawBytes.part10(TransferSyntax.ExplicitVRBigEndian).explicit(0x00091010, "UN", UNDEFINED);
        RawBytes inner = RawBytes.le().item(UNDEFINED);
        int at = b.size() + inner.size();
        inner.tag(RawBytes.SEQUENCE_DELIMITER).u32(0);
        b.raw(inner.toArray());
        DicomParseException e = parseError(how, b.toArray());
        assertThat(e.offset()).isEqualTo(at);
        assertThat(e.getMessage()).contains("fffe,e0dd", "expected a data element");
    }
}
