package io.isengard.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.VR;
import io.isengard.dicom.io.DicomFile;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.ReadOptions;
import io.isengard.dicom.testing.Samples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our full and simplified forms against Orthanc's reference outputs for the
 * two private-tag samples, compared member by member.
 *
 * <p>Deliberate settings, each reproducing how the references were made:
 * <ul>
 * <li>the user dictionary of Orthanc's integration-test configuration is
 *     supplied through {@link UserDictionary} ((00e1,10c2) "PET-CT Multi
 *     Modality Name" UI and (7053,1003) "Original Image Filename" ST of their
 *     creators): without it those tags are "Unknown Tag & Data" and Null;</li>
 * <li>the whole file is shown ({@code stopAfterPixelData = false}):
 *     PrivateTagsFull.json holds the private sequence (7FE1,1001) that follows
 *     the pixel data, as Orthanc returns it for {@code ?whole} (Orthanc 1.9.1+
 *     without {@code whole} stops at the pixel data).</li>
 * <li>FL values: the reference shows them as {@code %.9g} of the float
 *     ({@code 0.203059092}, an older Orthanc), Orthanc 1.10.1 and we as
 *     {@code %.17g} of the float widened to double ({@code 0.20305909216403961});
 *     exactly that difference is tolerated, value by value.</li>
 * <li>(7FE1,1060) deep in PrivateTags.dcm is "Unknown Tag & Data" in the
 *     reference, made with a DCMTK private dictionary that lacked
 *     (7FE1,"GEMS_Ultrasound_MovieGroup_001",60) IllegalPrivatePixelSequence;
 *     DCMTK 3.6.7's private.dic, and so ours, has it: that name is accepted.</li>
 * <li>(0010,1000) is RETIRED_OtherPatientIDs in the references, made by an
 *     Orthanc older than 1.6.0 with a DCMTK that retired it; Orthanc 1.6.0+
 *     names it OtherPatientIDs (a main DICOM tag whose name it fixes), as we
 *     do: the references are read with that name.</li>
 * </ul>
 */
class OrthancReferenceTest {
    static final UserDictionary ORTHANC_TEST_DICTIONARY = new UserDictionary()
            .add(0x00E110C2, VR.UI, "PET-CT Multi Modality Name", "ELSCINT1")
            .add(0x70531003, VR.ST, "Original Image Filename", "Philips PET Private Group");

    static final OrthancJsonOptions OPTIONS = OrthancJsonOptions.TAGS
            .withDictionary(ORTHANC_TEST_DICTIONARY).withStopAfterPixelData(false);

    @ParameterizedTest
    @CsvSource({
        "PrivateTags.dcm, PrivateTagsFull.json, FULL",
        "PrivateTags.dcm, PrivateTagsSimplify.json, HUMAN",
        "PrivateMDNTags.dcm, PrivateMDNTagsFull.json, FULL",
        "PrivateMDNTags.dcm, PrivateMDNTagsSimplify.json, HUMAN",
    })
    void matchesOrthancReference(String dicom, String reference, OrthancFormat format) throws IOException {
        BuiltInDictionary.require();
        DicomFile file = DicomReader.read(Samples.get(dicom), ReadOptions.DEFAULT);
        // Made before Orthanc 1.6.0, which names (0010,1000) OtherPatientIDs whatever DCMTK's dictionary says.
        Object expected = JsonParser.parse(Files.readString(Samples.get(reference), StandardCharsets.UTF_8)
                .replace("RETIRED_OtherPatientIDs", "OtherPatientIDs"));

        Object actual = JsonParser.parse(OrthancJson.toJson(file.dataSet(), format, OPTIONS));

        List<String> differences = JsonDiff.diff(expected, actual, OrthancReferenceTest::acceptedDifference);
        assertThat(differences).as("differences from %s", reference).isEmpty();
    }

    /** True if {@code actual} is {@code %.17g} of the floats that {@code expected} spells with fewer digits. */
    static boolean acceptedDifference(String path, Object[] expectedAndActual) {
        return sameFloat(expectedAndActual)
                || path.endsWith("[\"7fe1,1060\"][\"Name\"]") && TagNames.UNKNOWN.equals(expectedAndActual[0])
                && "IllegalPrivatePixelSequence".equals(expectedAndActual[1]);
    }

    static boolean sameFloat(Object[] expectedAndActual) {
        if (!(expectedAndActual[0] instanceof String e) || !(expectedAndActual[1] instanceof String a)) {
            return false;
        }
        String[] es = e.split("\\\\", -1);
        String[] as = a.split("\\\\", -1);
        if (es.length != as.length) {
            return false;
        }
        for (int i = 0; i < es.length; i++) {
            try {
                if (!es[i].equals(as[i]) && !PrintfG.g17((float) Double.parseDouble(es[i])).equals(as[i])) {
                    return false;
                }
            } catch (NumberFormatException x) {
                return false;
            }
        }
        return true;
    }
}
