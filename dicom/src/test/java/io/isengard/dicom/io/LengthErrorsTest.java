package io.isengard.dicom.io;

import static io.isengard.dicom.io.ParseErrors.parseError;
import static io.isengard.dicom.io.RawBytes.UNDEFINED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.isengard.dicom.DicomParseException;
import io.isengard.dicom.TransferSyntax;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Value lengths that lie: past the end of the input, huge (which must not make
 * the reader allocate what they claim), odd.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LengthErrorsTest {
    private static final int ENCAPSULATED_DOCUMENT = 0x00420011;
    private static final int PATIENT_NAME = 0x00100010;
    private static final int PATIENT_ID = 0x00100020;
    private static final int PIXEL_DATA = 0x7FE00010;
    /** Far below what any forged length in these tests claims (2 GiB and more). */
    private static final long ALLOCATION_BUDGET = 16L << 20;

    static Stream<Arguments> readingsAndOptions() {
        List<ReadOptions> options = List.of(ReadOptions.DEFAULT, ReadOptions.HEADER_ONLY,
                ReadOptions.DEFAULT.withBulkDataThreshold(0), ReadOptions.DEFAULT.withBulkDataThreshold(1 << 20));
        return Stream.of(Reading.values()).flatMap(r -> options.stream().map(o -> Arguments.of(r, o)));
    }

    private static RawBytes body() {
        return RawBytes.part10(TransferSyntax.ExplicitVRLittleEndian).explicit(PATIENT_NAME, "PN", "Doe^John");
    }

    /** Reads, expecting a DicomParseException, and checks that the read allocated less than the budget. */
    private static DicomParseException parseErrorWithinBudget(Reading how, byte[] input, ReadOptions options) {
        assumeTrue(Allocation.supported(), "this JVM does not count allocated bytes per thread");
        long before = Allocation.allocatedSoFar();
        DicomParseException e = parseError(how, input, options);
        long allocated = Allocation.allocatedSoFar() - before;
        assertThat(allocated).as("bytes allocated while reading %d bytes of input", input.length)
                .isLessThan(ALLOCATION_BUDGET + 4L * input.length);
        return e;
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void valuePastTheEnd(Reading how) {
        RawBytes b = body().explicit(ENCAPSULATED_DOCUMENT, "OB", 1000);
        int valueAt = b.size();
        byte[] input = b.zeros(10).toArray();
        DicomParseException e = parseError(how, input);
        assertThat(e.getMessage()).contains("1000").containsAnyOf("unexpected end of input", "bytes are left");
        assertThat(e.offset()).isBetween((long) valueAt, (long) input.length);
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void shortFormLengthPastTheEnd(Reading how) {
        byte[] input = body().explicit(PATIENT_ID, "LO", 0xFFFF).ascii("42").toArray();
        assertThat(parseError(how, input).getMessage()).contains("65535");
    }

    @ParameterizedTest
    @MethodSource("readingsAndOptions")
    void hugeLengthOnOB(Reading how, ReadOptions options) {
        byte[] input = body().explicit(ENCAPSULATED_DOCUMENT, "OB", 0xFFFFFFF0L).zeros(64).toArray();
        DicomParseException e = parseErrorWithinBudget(how, input, options);
        assertThat(e.getMessage()).contains(Long.toString(0xFFFFFFF0L));
    }

    @ParameterizedTest
    @MethodSource("readingsAndOptions")
    void twoGigabyteLengthOnOBWithAMegabyteOfData(Reading how, ReadOptions options) {
        // Below Integer.MAX_VALUE, so a naive reader would try to allocate it.
        byte[] input = body().explicit(ENCAPSULATED_DOCUMENT, "OB", 0x7FFFFFF0L).zeros(1 << 20).toArray();
        DicomParseException e = parseErrorWithinBudget(how, input, options);
        assertThat(e.getMessage()).containsAnyOf("unexpected end of input", "bytes are left");
    }

    @ParameterizedTest
    @MethodSource("readingsAndOptions")
    void hugeLengthOnPixelData(Reading how, ReadOptions options) {
        byte[] input = body().explicit(PIXEL_DATA, "OW", 0xFFFFFFF0L).zeros(64).toArray();
        if (options.stopBeforePixelData()) {
            return; // header-only reading never looks at the pixel data's length
        }
        parseErrorWithinBudget(how, input, options);
    }

    @ParameterizedTest
    @MethodSource("readingsAndOptions")
    void hugeImplicitLength(Reading how, ReadOptions options) {
        byte[] input = RawBytes.part10(TransferSyntax.ImplicitVRLittleEndian).implicit(0x00091001, 0x7FFFFFF0L)
                .zeros(100).toArray();
        parseErrorWithinBudget(how, input, options);
    }

    @ParameterizedTest
    @MethodSource("readingsAndOptions")
    void hugeLengthInsideASequenceItem(Reading how, ReadOptions options) {
        byte[] input = body().explicit(0x00081110, "SQ", UNDEFINED).item(UNDEFINED)
                .explicit(ENCAPSULATED_DOCUMENT, "OB", 0xFFFFFFF0L).zeros(100).toArray();
        parseErrorWithinBudget(how, input, options);
    }

    @ParameterizedTest
    @MethodSource("readingsAndOptions")
    void hugeSequenceAndItemLengths(Reading how, ReadOptions options) {
        byte[] sequence = body().explicit(0x00081110, "SQ", 0xFFFFFFF0L).item(10).explicit(PATIENT_ID, "LO", "42")
                .toArray();
        parseErrorWithinBudget(how, sequence, options);
        byte[] item = body().explicit(0x00081110, "SQ", UNDEFINED).item(0xFFFFFFF0L).explicit(PATIENT_ID, "LO", "42")
                .toArray();
        parseErrorWithinBudget(how, item, options);
    }

    @ParameterizedTest
    @MethodSource("readingsAndOptions")
    void hugeFragmentLengths(Reading how, ReadOptions options) {
        if (options.stopBeforePixelData()) {
            return;
        }
        for (long length : new long[] {0xFFFFFFF0L, 0x7FFFFFF0L, UNDEFINED - 1}) {
            byte[] input = RawBytes.le().raw(RawBytes.part10Header(TransferSyntax.of("1.2.840.10008.1.2.4.50")))
                    .explicit(PIXEL_DATA, "OB", UNDEFINED).item(0).item(length).zeros(1000).toArray();
            parseErrorWithinBudget(how, input, options);
        }
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void hugeLengthInTheMetaGroup(Reading how) {
        byte[] input = RawBytes.le().zeros(128).ascii("DICM").explicit(0x00020102, "OB", 0x7FFFFFF0L)
                .zeros(1000).toArray();
        parseErrorWithinBudget(how, input, ReadOptions.DEFAULT);
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void oddLengthsAreReadAsTheyAre(Reading how) throws Exception {
        // PS3.5 §7.1.1 wants even lengths, but DCMTK reads odd ones, and so do we, without losing step.
        byte[] input = body().explicit(PATIENT_ID, "LO", "ABC").explicit(0x00100030, "DA", "20240101").toArray();
        DicomFile f = how.read(input);
        assertThat(f.dataSet().bytes(PATIENT_ID)).containsExactly('A', 'B', 'C');
        assertThat(f.dataSet().string(0x00100030)).isEqualTo("20240101");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void oddLengthOfWordsInBigEndian(Reading how) throws Exception {
        byte[] input = RawBytes.part10(TransferSyntax.ExplicitVRBigEndian).explicit(0x00091010, "OW", 3)
                .raw((byte) 1, (byte) 2, (byte) 3).explicit(PATIENT_ID, "LO", "42").toArray();
        DicomFile f = how.read(input);
        assertThat(f.dataSet().bytes(0x00091010)).containsExactly(2, 1, 3);
        assertThat(f.dataSet().string(PATIENT_ID)).isEqualTo("42");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void oddLengthThatRunsPastTheEnd(Reading how) {
        byte[] input = body().explicit(PATIENT_ID, "LO", 3).ascii("AB").toArray();
        assertThat(parseError(how, input).getMessage()).containsAnyOf("unexpected end of input", "bytes are left");
    }
}
