package io.isengard.dicom.io;

import static io.isengard.dicom.io.ParseErrors.parseError;
import static io.isengard.dicom.io.RawBytes.UNDEFINED;
import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.DicomParseException;
import io.isengard.dicom.TransferSyntax;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sequences nested far deeper than any real file: the reader recurses once
 * per level, so it must refuse them at its depth limit, not overflow the stack.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DeepNestingTest {
    private static final int SEQUENCE = 0x00081110;
    private static final int PATIENT_ID = 0x00100020;
    private static final int LEVELS = 100_000;

    /** {@code levels} sequences of undefined length, each in an item of the previous, closed properly. */
    private static byte[] nestedUndefined(TransferSyntax ts, int levels) {
        RawBytes b = RawBytes.part10(ts);
        for (int i = 0; i < levels; i++) {
            b.explicit(SEQUENCE, "SQ", UNDEFINED).item(UNDEFINED);
        }
        b.explicit(PATIENT_ID, "LO", "42");
        for (int i = 0; i < levels; i++) {
            b.itemDelimiter().sequenceDelimiter();
        }
        return b.toArray();
    }

    /** UN of undefined length, whose items are implicit VR little endian (CP-246), so the levels below are too. */
    private static byte[] nestedUN(int levels) {
        RawBytes b = RawBytes.part10(TransferSyntax.ExplicitVRLittleEndian).explicit(0x00091010, "UN", UNDEFINED)
                .item(UNDEFINED);
        return nestedImplicit(b, levels - 1).itemDelimiter().sequenceDelimiter().toArray();
    }

    /** The same in implicit VR, where undefined length alone says "sequence". */
    private static byte[] nestedImplicit(int levels) {
        return nestedImplicit(RawBytes.part10(TransferSyntax.ImplicitVRLittleEndian), levels).toArray();
    }

    private static RawBytes nestedImplicit(RawBytes b, int levels) {
        for (int i = 0; i < levels; i++) {
            b.implicit(0x00091010, UNDEFINED).item(UNDEFINED);
        }
        for (int i = 0; i < levels; i++) {
            b.itemDelimiter().sequenceDelimiter();
        }
        return b;
    }

    /** Defined lengths all the way down; lengths are computed from the innermost level out. */
    private static byte[] nestedDefined(int levels) {
        long inner = 10; // the LO element
        long[] itemLength = new long[levels];
        for (int i = levels - 1; i >= 0; i--) {
            itemLength[i] = inner;
            inner = 12 + 8 + inner; // sequence header, item header
        }
        RawBytes b = RawBytes.part10(TransferSyntax.ExplicitVRLittleEndian);
        for (int i = 0; i < levels; i++) {
            b.explicit(SEQUENCE, "SQ", itemLength[i] + 8).item(itemLength[i]);
        }
        return b.explicit(PATIENT_ID, "LO", "42").toArray();
    }

    private static void assertDepthRefused(DicomParseException e, int limit) {
        assertThat(e.getMessage()).contains("nested deeper than the limit of " + limit + " levels");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void hundredThousandLevelsOfUndefinedLength(Reading how) {
        assertDepthRefused(parseError(how, nestedUndefined(TransferSyntax.ExplicitVRLittleEndian, LEVELS)),
                ReadOptions.DEFAULT_MAX_DEPTH);
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void hundredThousandLevelsInBigEndian(Reading how) {
        assertDepthRefused(parseError(how, nestedUndefined(TransferSyntax.ExplicitVRBigEndian, LEVELS)),
                ReadOptions.DEFAULT_MAX_DEPTH);
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void hundredThousandLevelsOfUN(Reading how) {
        assertDepthRefused(parseError(how, nestedUN(LEVELS)),
                ReadOptions.DEFAULT_MAX_DEPTH);
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void hundredThousandLevelsOfImplicitVR(Reading how) {
        assertDepthRefused(parseError(how, nestedImplicit(LEVELS)), ReadOptions.DEFAULT_MAX_DEPTH);
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void hundredThousandLevelsOfDefinedLength(Reading how) {
        assertDepthRefused(parseError(how, nestedDefined(LEVELS)), ReadOptions.DEFAULT_MAX_DEPTH);
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void hundredThousandLevelsInHeaderOnlyMode(Reading how) {
        byte[] input = nestedUndefined(TransferSyntax.ExplicitVRLittleEndian, LEVELS);
        assertDepthRefused(parseError(how, input, ReadOptions.HEADER_ONLY), ReadOptions.DEFAULT_MAX_DEPTH);
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void aLimitBeyondWhatTheStackHoldsStillEndsInDicomParseException(Reading how) {
        ReadOptions unlimited = ReadOptions.DEFAULT.withMaxDepth(Integer.MAX_VALUE);
        for (byte[] input : List.of(nestedUndefined(TransferSyntax.ExplicitVRLittleEndian, LEVELS),
                nestedDefined(LEVELS), nestedImplicit(LEVELS))) {
            DicomParseException e = parseError(how, input, unlimited);
            assertThat(e.getMessage()).contains("nested too deeply");
        }
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void theLimitItselfIsAccepted(Reading how) throws Exception {
        int limit = ReadOptions.DEFAULT_MAX_DEPTH;
        DataSet ds = how.read(nestedUndefined(TransferSyntax.ExplicitVRLittleEndian, limit)).dataSet();
        for (int i = 0; i < limit; i++) {
            ds = ds.sequence(SEQUENCE).get(0);
        }
        assertThat(ds.string(PATIENT_ID)).isEqualTo("42");
        assertThat(ds.depth()).isEqualTo(limit);
        assertThat(how.read(nestedDefined(limit)).dataSet().sequence(SEQUENCE)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void oneLevelPastAChosenLimit(Reading how) throws Exception {
        ReadOptions options = ReadOptions.DEFAULT.withMaxDepth(5);
        assertThat(how.read(nestedUndefined(TransferSyntax.ExplicitVRLittleEndian, 5), options).dataSet())
                .isNotNull();
        DicomParseException e = parseError(how, nestedUndefined(TransferSyntax.ExplicitVRLittleEndian, 6),
                options);
        assertDepthRefused(e, 5);
        int headerLength = RawBytes.part10Header(TransferSyntax.ExplicitVRLittleEndian).length;
        assertThat(e.offset()).as("the offset of the sixth item").isEqualTo(headerLength + 5 * 20 + 12);
    }
}
