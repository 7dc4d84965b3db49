package io.isengard.dicom.io;

import static io.isengard.dicom.io.ParseErrors.parseError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.DicomParseException;
import io.isengard.dicom.TransferSyntax;
import io.isengard.dicom.io.Samples.Sample;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A valid file cut at every offset: the reader either reads the elements that
 * are whole (when the cut falls between two top-level elements) or says where
 * the input ended and what it expected there.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TruncationTest {

    static Stream<Arguments> samplesAndReadings() {
        return Samples.all().stream().flatMap(s -> Stream.of(Reading.values()).map(r -> Arguments.of(s, r)));
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("samplesAndReadings")
    void everyCut(Sample sample, Reading how) throws IOException {
        byte[] bytes = sample.bytes();
        DataSet full = how.read(bytes).dataSet();
        assertThat(full.size()).isEqualTo(sample.validCuts().get(bytes.length));
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] input = Arrays.copyOf(bytes, cut);
            Integer elements = sample.validCuts().get(cut);
            if (elements == null) {
                DicomParseException e = parseError(how, input, ReadOptions.DEFAULT, "a cut at " + cut);
                assertThat(e.getMessage()).as("cut at %d", cut)
                        .containsAnyOf("unexpected end of input", "bytes are left", "empty input",
                                "Transfer Syntax UID", "DICM");
            } else {
                assertThat(how.read(input).dataSet()).as("cut at %d", cut).isEqualTo(Samples.prefix(full, elements));
            }
        }
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("samplesAndReadings")
    void everyCutInHeaderOnlyMode(Sample sample, Reading how) {
        for (int cut = 0; cut < sample.bytes().length; cut++) {
            byte[] input = Arrays.copyOf(sample.bytes(), cut);
            Throwable t = catchThrowable(() -> how.read(input, ReadOptions.HEADER_ONLY));
            if (t != null) {
                assertThat(t).as("cut at %d", cut).isExactlyInstanceOf(DicomParseException.class);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void everyCutOfADeflatedFile(Reading how) throws IOException {
        byte[] bytes = Samples.write(Samples.dataSet(), TransferSyntax.DeflatedExplicitVRLittleEndian);
        DataSet full = how.read(bytes).dataSet();
        assertThat(full).isEqualTo(Samples.dataSet());
        List<DataSet> prefixes = new ArrayList<>();
        for (int i = 0; i <= full.size(); i++) {
            prefixes.add(Samples.prefix(full, i));
        }
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] input = Arrays.copyOf(bytes, cut);
            Throwable t = catchThrowable(() -> how.read(input));
            if (t == null) {
                assertThat(prefixes).as("cut at %d", cut).contains(how.read(input).dataSet());
            } else {
                assertThat(t).as("cut at %d", cut).isExactlyInstanceOf(DicomParseException.class);
                assertThat(((DicomParseException) t).offset()).isBetween(0L, (long) cut);
            }
        }
    }

    @Test
    void writerSamplesReadBackAsWritten() throws IOException {
        for (TransferSyntax ts : List.of(TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ExplicitVRBigEndian)) {
            byte[] bytes = Samples.write(Samples.dataSet(), ts);
            assertThat(Reading.STREAM.read(bytes).dataSet()).as(ts.keyword()).isEqualTo(Samples.dataSet());
            assertThat(Reading.PATH.read(bytes).dataSet()).as(ts.keyword()).isEqualTo(Samples.dataSet());
        }
    }

    @Test
    void theImplicitSampleTakesItsVRsFromTheDictionaries() throws IOException {
        DataSet original = Samples.dictionaryDependent();
        DataSet read = Reading.STREAM.read(Samples.write(original, TransferSyntax.ImplicitVRLittleEndian)).dataSet();
        assertThat(read.vr(0x00280106)).isEqualTo(io.isengard.dicom.VR.SS);
        assertThat(read.vr(0x00291010)).isEqualTo(io.isengard.dicom.VR.OB);
        assertThat(read.vr(0x00291110)).isEqualTo(io.isengard.dicom.VR.UN);
        assertThat(read.string(0x00100010)).isEqualTo(original.string(0x00100010)).contains("\u5c71\u7530");
    }

    @Test
    void streamsThatReturnOneByteAtATimeReadTheSame() throws IOException {
        List<byte[]> inputs = new ArrayList<>();
        Samples.all().forEach(s -> inputs.add(s.bytes()));
        inputs.add(Samples.write(Samples.dataSet(), TransferSyntax.DeflatedExplicitVRLittleEndian));
        for (byte[] bytes : inputs) {
            DataSet expected = Reading.STREAM.read(bytes).dataSet();
            assertThat(DicomReader.read(new Trickle(bytes), ReadOptions.DEFAULT).dataSet()).isEqualTo(expected);
        }
    }

    /** Hands out one byte per read and skips at most one, as a slow socket might. */
    private static final class Trickle extends FilterInputStream {
        Trickle(byte[] bytes) {
            super(new ByteArrayInputStream(bytes));
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1));
        }

        @Override
        public long skip(long n) throws IOException {
            return super.skip(Math.min(n, 1));
        }

        @Override
        public int available() {
            return 0;
        }
    }
}
