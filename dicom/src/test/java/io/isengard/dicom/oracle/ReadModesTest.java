package io.isengard.dicom.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.BulkData;
import io.isengard.dicom.DataSet;
import io.isengard.dicom.Fragments;
import io.isengard.dicom.Sequence;
import io.isengard.dicom.Tag;
import io.isengard.dicom.io.DicomFile;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.ReadOptions;
import io.isengard.dicom.oracle.Dump.Entry;
import io.isengard.dicom.testing.Samples;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reader's other modes agree with the full read that the dcmdump oracle
 * checks: values left in the file as bulk data references point at exactly
 * the bytes the full read holds, and header-only reading yields everything
 * before the pixel data and says where the pixel data starts.
 */
@Execution(ExecutionMode.CONCURRENT)
class ReadModesTest {
    private static final ReadOptions SMALL_BULK = ReadOptions.DEFAULT.withBulkDataThreshold(64);

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.isengard.dicom.oracle.DcmdumpOracleTest#samples")
    void bulkDataReferencesPointAtTheValues(Path file) throws Exception {
        Samples.dir(); // skips the test, with the reason, if the samples are missing
        DicomFile full = DicomReader.read(file, ReadOptions.DEFAULT);
        DicomFile bulk = DicomReader.read(file, SMALL_BULK);
        List<Entry> expected = DcmdumpRenderer.render(full).dataSet();
        List<Entry> actual = DcmdumpRenderer.render(bulk).dataSet();
        assertThat(DumpDiff.compare("", expected, actual)).isEmpty();
        if (!full.transferSyntax().deflated() && largestValue(full.dataSet()) > 64) {
            assertThat(references(bulk.dataSet())).as("values of more than 64 bytes left in the file").isPositive();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.isengard.dicom.oracle.DcmdumpOracleTest#samples")
    void headerOnlyStopsAtThePixelData(Path file) throws Exception {
        Samples.dir(); // skips the test, with the reason, if the samples are missing
        DicomFile full = DicomReader.read(file, ReadOptions.DEFAULT);
        DicomFile header = DicomReader.read(file, ReadOptions.HEADER_ONLY);
        boolean hasPixelData = full.dataSet().contains(Tag.PixelData);
        assertThat(header.stoppedBeforePixelData()).isEqualTo(hasPixelData);
        assertThat(header.pixelDataOffset()).isEqualTo(full.pixelDataOffset());
        DataSet expected = new DataSet();
        for (int i = 0; i < full.dataSet().size(); i++) {
            if (!hasPixelData || Integer.compareUnsigned(full.dataSet().tagAt(i), Tag.PixelData) < 0) {
                expected.put(full.dataSet().tagAt(i), full.dataSet().vrAt(i), full.dataSet().valueAt(i));
            }
        }
        assertThat(DumpDiff.compare("", DcmdumpRenderer.render(new DicomFile(full.meta(), expected,
                full.transferSyntax(), full.hasPreamble(), full.dataSetOffset(), full.pixelDataOffset(), false)).dataSet(),
                DcmdumpRenderer.render(header).dataSet())).isEmpty();
        if (hasPixelData && !full.transferSyntax().deflated()) {
            byte[] tag = new byte[4];
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                f.seek(full.pixelDataOffset());
                f.readFully(tag);
            }
            byte[] pixelData = full.transferSyntax().bigEndian() ? new byte[] {0x7F, (byte) 0xE0, 0x00, 0x10}
                    : new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00};
            assertThat(tag).as("bytes at the pixel data offset").isEqualTo(pixelData);
        }
    }

    private static long largestValue(DataSet ds) {
        long max = 0;
        for (int i = 0; i < ds.size(); i++) {
            Object v = ds.valueAt(i);
            if (v instanceof byte[] b) {
                max = Math.max(max, b.length);
            } else if (v instanceof Fragments f) {
                for (int k = 0; k < f.size(); k++) {
                    max = Math.max(max, f.length(k));
                }
            } else if (v instanceof Sequence s) {
                for (DataSet item : s) {
                    max = Math.max(max, largestValue(item));
                }
            }
        }
        return max;
    }

    private static int references(DataSet ds) {
        int n = 0;
        for (int i = 0; i < ds.size(); i++) {
            Object v = ds.valueAt(i);
            if (v instanceof BulkData) {
                n++;
            } else if (v instanceof Fragments f) {
                n += (int) f.items().stream().filter(BulkData.class::isInstance).count();
            } else if (v instanceof Sequence s) {
                for (DataSet item : s) {
                    n += references(item);
                }
            }
        }
        return n;
    }
}
