package io.isengard.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.Tag;
import io.isengard.dicom.io.DicomFile;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.ReadOptions;
import io.isengard.dicom.testing.Samples;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DICOM JSON against the samples' reference documents (made by Orthanc's
 * DICOMweb support for the DICOM file of the same name).
 *
 * <p>Deliberate differences: the references spell DS values as strings
 * ({@code "27.524"}), where PS3.18 F.2.3 and Orthanc 1.10.1 write JSON numbers
 * ({@code 27.524}), as we do; a DS string equal in value to our number is
 * accepted. The references leave out the pixel data, so the test does too
 * through the bulk data policy.
 */
class DicomJsonReferenceTest {
    @ParameterizedTest
    @CsvSource({"DummyCT.dcm, DummyCT.json", "MarekLatin2.dcm, MarekLatin2.json"})
    void matchesReference(String dicom, String reference) throws IOException {
        DicomFile file = DicomReader.read(Samples.get(dicom), ReadOptions.DEFAULT);
        Object expected = JsonParser.parse(Files.readString(Samples.get(reference), StandardCharsets.UTF_8));
        BulkDataPolicy noPixelData = (path, tag, vr, length) ->
                tag == Tag.PixelData ? BulkDataPolicy.Decision.OMIT : BulkDataPolicy.Decision.INLINE;

        Object actual = JsonParser.parse(DicomJson.toJson(file.dataSet(), noPixelData));

        List<String> differences = JsonDiff.diff(expected, actual, DicomJsonReferenceTest::decimalStringAsNumber);
        assertThat(differences).as("differences from %s", reference).isEmpty();
    }

    static boolean decimalStringAsNumber(String path, Object[] expectedAndActual) {
        if (expectedAndActual[0] instanceof String s && expectedAndActual[1] instanceof BigDecimal n) {
            try {
                return new BigDecimal(s.strip()).compareTo(n) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }
}
