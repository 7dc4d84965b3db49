package io.isengard.dicom.io;

import static io.isengard.dicom.io.ParseErrors.parseError;
import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.DicomParseException;
import io.isengard.dicom.TransferSyntax;
import java.io.ByteArrayOutputStream;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Deflated data sets whose deflate stream, or what it inflates to, is broken. */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DeflateErrorsTest {

    private static RawBytes deflatedHeader() {
        return RawBytes.le().raw(Deflated.header());
    }

    private static byte[] deflate(byte[] data) {
        return Deflated.deflate(data);
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void theFixtureIsRight(Reading how) throws Exception {
        byte[] body = RawBytes.le().explicit(0x00100010, "PN", "Doe^John").toArray();
        byte[] input = deflatedHeader().raw(deflate(body)).toArray();
        assertThat(how.read(input).dataSet().string(0x00100010)).isEqualTo("Doe^John");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void corruptDeflateStream(Reading how) {
        RawBytes b = deflatedHeader();
        int start = b.size();
        // Block type 3 is reserved: no inflater accepts it.
        byte[] input = b.raw(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1, 2, 3, 4}).toArray();
        DicomParseException e = parseError(how, input);
        assertThat(e.getMessage()).contains("corrupt deflated data set", "expected a raw deflate stream");
        assertThat(e.getCause()).isInstanceOf(java.util.zip.ZipException.class);
        assertThat(e.offset()).isBetween((long) start, (long) input.length);
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void deflateStreamWithAZlibHeader(Reading how) throws Exception {
        // A common writer bug: zlib framing (78 9C ...) where PS3.5 §A.5 wants raw deflate.
        byte[] body = RawBytes.le().explicit(0x00100010, "PN", "Doe^John").toArray();
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(zlib)) {
            z.write(body);
        }
        byte[] input = deflatedHeader().raw(zlib.toByteArray()).toArray();
        parseError(how, input);
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void deflateStreamCutShort(Reading how) throws Exception {
        ByteArrayOutputStream dataSet = new ByteArrayOutputStream();
        DicomWriter.writeDataSet(dataSet, Samples.dataSet(), TransferSyntax.ExplicitVRLittleEndian);
        byte[] body = dataSet.toByteArray();
        byte[] deflated = deflate(body);
        byte[] input = deflatedHeader().raw(java.util.Arrays.copyOf(deflated, deflated.length / 2)).toArray();
        DicomParseException e = parseError(how, input);
        assertThat(e.getMessage()).contains("unexpected end of input inside the deflated data set");
        assertThat(e.offset()).isEqualTo(input.length);
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void nothingAfterTheMetaGroup(Reading how) {
        byte[] input = deflatedHeader().toArray();
        DicomParseException e = parseError(how, input);
        assertThat(e.offset()).isEqualTo(input.length);
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void validDeflateOfAMalformedDataSet(Reading how) {
        byte[] body = RawBytes.le().explicit(0x00100010, "PN", "Doe^John").item(0).toArray();
        byte[] input = deflatedHeader().raw(deflate(body)).toArray();
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> how.read(input));
        // Offsets past the meta group count inflated bytes, so they may lie beyond the file's end.
        assertThat(t).isExactlyInstanceOf(DicomParseException.class).hasMessageContaining("outside a sequence");
    }
}
