package io.isengard.server.differential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.dicom.DataSet;
import io.isengard.dicom.Tag;
import io.isengard.dicom.VR;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.ReadOptions;
import io.isengard.server.TestServer;
import io.isengard.server.rest.Json;
import io.isengard.server.testing.DcmtkTools;
import io.isengard.server.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DICOM server against Debian's Orthanc 1.10.1 holding the same files:
 * the same findscu queries (each level, computed attributes, wildcards,
 * ranges) must get the same answers from both, RetrieveAETitle aside; and
 * Orthanc as a peer of Isengard: it pushes to Isengard
 * (/modalities/isengard/store), queries it (/modalities/isengard/query) and
 * retrieves from it by C-MOVE (/modalities/isengard/move, Isengard then
 * storing into Orthanc).
 */
@Timeout(240)
class DicomServerDifferentialTest {
    static final String BRAINIX_STUDY = "2.16.840.1.113669.632.20.1211.10000357775";
    static final int RETRIEVE_AE_TITLE = 0x00080054;

    @TempDir
    Path dir;

    static List<Path> shared() {
        return List.of(Samples.get("Brainix/Epi/IM-0001-0001.dcm"), Samples.get("Brainix/Epi/IM-0001-0002.dcm"),
                Samples.get("Brainix/Epi/IM-0001-0003.dcm"), Samples.get("Formats/Jpeg.dcm"),
                Samples.get("DummyCT.dcm"));
    }

    /** The answers of one findscu run, each as tag → text, sorted so that the order of matches does not count. */
    private List<String> findscu(int port, String calledAet, String root, String... keys) throws Exception {
        Path out = Files.createTempDirectory(dir, "find");
        List<String> c = new ArrayList<>(List.of("findscu", root, "-aet", "FINDSCU", "-aec", calledAet, "-X", "-od",
                out.toString()));
        for (String k : keys) {
            c.add("-k");
            c.add(k);
        }
        c.add("127.0.0.1");
        c.add(Integer.toString(port));
        DcmtkTools.run(dir, 60, c.toArray(String[]::new)).assertSuccess();
        List<String> answers = new ArrayList<>();
        for (Path f : DcmtkTools.files(out)) {
            DataSet ds = DicomReader.read(f, ReadOptions.DEFAULT).dataSet();
            Map<String, String> m = new TreeMap<>();
            for (int i = 0; i < ds.size(); i++) {
                int tag = ds.tagAt(i);
                if (tag != RETRIEVE_AE_TITLE) {
                    m.put(Tag.toString(tag), ds.vrAt(i) == VR.SQ ? "(sequence of " + ds.sequence(tag).size() + ")"
                            : ds.vrAt(i) + " " + ds.string(tag));
                }
            }
            answers.add(m.toString());
        }
        answers.sort(null);
        return answers;
    }

    static final List<String[]> QUERIES = List.of(
            new String[] {"-P", "QueryRetrieveLevel=PATIENT", "PatientName", "PatientID", "PatientBirthDate",
                "PatientSex", "NumberOfPatientRelatedStudies", "NumberOfPatientRelatedSeries",
                "NumberOfPatientRelatedInstances"},
            new String[] {"-S", "QueryRetrieveLevel=STUDY", "PatientName", "PatientID", "StudyInstanceUID",
                "StudyDate", "StudyTime", "StudyDescription", "AccessionNumber", "ModalitiesInStudy",
                "NumberOfStudyRelatedSeries", "NumberOfStudyRelatedInstances"},
            new String[] {"-S", "QueryRetrieveLevel=STUDY", "PatientName=brain*", "StudyInstanceUID"},
            new String[] {"-S", "QueryRetrieveLevel=STUDY", "StudyDate=20000101-", "StudyInstanceUID", "StudyDate"},
            new String[] {"-S", "QueryRetrieveLevel=STUDY", "ModalitiesInStudy=MR", "StudyInstanceUID"},
            new String[] {"-S", "QueryRetrieveLevel=SERIES", "StudyInstanceUID=" + BRAINIX_STUDY,
                "SeriesInstanceUID", "Modality", "SeriesDescription", "SeriesNumber",
                "NumberOfSeriesRelatedInstances"},
            new String[] {"-S", "QueryRetrieveLevel=IMAGE", "StudyInstanceUID=" + BRAINIX_STUDY, "SOPInstanceUID",
                "SOPClassUID", "InstanceNumber"},
            new String[] {"-S", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=1.2.840.*"},
            new String[] {"-S", "QueryRetrieveLevel=IMAGE", "StudyInstanceUID=" + BRAINIX_STUDY, "SOPInstanceUID",
                "ImageType", "EchoTime", "ReferencedImageSequence", "PixelSpacing", "Rows"},
            new String[] {"-S", "QueryRetrieveLevel=SERIES", "Modality=MR", "SeriesInstanceUID", "SeriesDate",
                "BodyPartExamined", "ProtocolName", "SOPClassesInStudy", "InstanceAvailability"},
            new String[] {"-P", "QueryRetrieveLevel=PATIENT", "PatientName=*KNIX*", "PatientID", "OtherPatientIDs",
                "NumberOfPatientRelatedStudies"});

    /** Answers encoded in DefaultEncoding (§6.6), from files in various character sets. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"Latin1", "Utf8", "Cyrillic"})
    void answersInTheDefaultEncoding(String encoding) throws Exception {
        ObjectNode orthancConfig = Json.object();
        orthancConfig.put("DicomAlwaysAllowFind", true);
        orthancConfig.put("DefaultEncoding", encoding);
        try (ReferenceOrthanc orthanc = ReferenceOrthanc.start(orthancConfig, null);
                TestServer isengard = TestServer.start("\"DicomAlwaysAllowFind\": true, \"DefaultEncoding\": \""
                        + encoding + "\"")) {
            for (String name : List.of("Lena-latin1.dcm", "Lena-latin2.dcm", "Lena-cyrillic.dcm", "Lena-utf8.dcm",
                    "Lena-greek.dcm")) {
                Path f = Samples.get("Encodings/" + name);
                assertThat(orthanc.client().postFile("/instances", f).status()).isEqualTo(200);
                assertThat(isengard.post("/instances", Files.readAllBytes(f)).statusCode()).isEqualTo(200);
            }
            String[] keys = {"QueryRetrieveLevel=PATIENT", "PatientName", "PatientID"};
            assertThat(findscu(isengard.dicomPort(), "ORTHANC", "-P", keys))
                    .isEqualTo(findscu(orthanc.dicomPort(), "ORTHANC", "-P", keys));
        }
    }

    @Test
    void sameAnswersAsOrthancAndOrthancAsPeer() throws Exception {
        int isengardDicom = DcmtkTools.freePort();
        ObjectNode orthancConfig = Json.object();
        orthancConfig.put("DicomAet", "ORTHANC");
        orthancConfig.put("DicomAlwaysAllowFind", true);
        orthancConfig.put("DicomAlwaysAllowMove", true);
        orthancConfig.putObject("DicomModalities").putArray("isengard").add("ISENGARD").add("127.0.0.1")
                .add(isengardDicom);
        try (ReferenceOrthanc orthanc = ReferenceOrthanc.start(orthancConfig, null);
                TestServer isengard = TestServer.start("""
                        "DicomAet": "ISENGARD", "DicomPort": %d, "DicomAlwaysAllowFind": true, "DicomAlwaysAllowMove": true,
                        "DicomModalities": { "orthanc": [ "ORTHANC", "127.0.0.1", %d ] }"""
                        .formatted(isengardDicom, orthanc.dicomPort()))) {
            for (Path f : shared()) {
                assertThat(orthanc.client().postFile("/instances", f).status()).isEqualTo(200);
                assertThat(isengard.post("/instances", Files.readAllBytes(f)).statusCode()).isEqualTo(200);
            }
            for (String[] q : QUERIES) {
                String root = q[0];
                String[] keys = java.util.Arrays.copyOfRange(q, 1, q.length);
                List<String> expected = findscu(orthanc.dicomPort(), "ORTHANC", root, keys);
                List<String> actual = findscu(isengardDicom, "ISENGARD", root, keys);
                assertThat(actual).as("findscu %s %s", root, String.join(" ", keys)).isEqualTo(expected);
            }

            // Orthanc pushes an instance it alone has.
            JsonNode pushed = orthanc.client().postFile("/instances", Samples.get("Formats/JpegLossless.dcm")).json();
            assertThat(orthanc.client().post("/modalities/isengard/store", pushed.get("ID").asText()).status())
                    .isEqualTo(200);
            String base = "/instances/" + pushed.get("ID").asText() + "/metadata/";
            assertThat(isengard.get(base + "RemoteAET").body()).isEqualTo("ORTHANC");
            assertThat(isengard.get(base + "Origin").body()).isEqualTo("DicomProtocol");

            // Orthanc queries Isengard.
            assertThat(isengard.post("/instances", Files.readAllBytes(Samples.get("Formats/Rle.dcm"))).statusCode())
                    .isEqualTo(200);
            String rleStudy = DicomReader.read(Samples.get("Formats/Rle.dcm"), ReadOptions.HEADER_ONLY).dataSet()
                    .string(0x0020000D);
            JsonNode query = orthanc.client().post("/modalities/isengard/query",
                    "{ \"Level\": \"Study\", \"Query\": { \"StudyInstanceUID\": \"" + rleStudy + "\" } }").json();
            String queryPath = query.get("Path").asText();
            assertThat(orthanc.client().get(queryPath + "/answers").json()).hasSize(1);

            // Orthanc retrieves it by C-MOVE: Isengard sends it to Orthanc.
            int before = orthanc.client().get("/instances").json().size();
            HttpAnswer retrieve = orthanc.client().post("/modalities/isengard/move", "{ \"Level\": \"Study\","
                    + " \"Resources\": [ { \"StudyInstanceUID\": \"" + rleStudy + "\" } ], \"TargetAet\": \"ORTHANC\" }");
            assertThat(retrieve.status()).as("%s\n%s", retrieve.text(), orthanc.logTail()).isEqualTo(200);
            assertThat(orthanc.client().get("/instances").json()).hasSize(before + 1);

            // movescu asks Isengard to send the Brainix study to Orthanc, which lost it meanwhile.
            for (JsonNode study : orthanc.client().get("/studies?expand").json()) {
                if (BRAINIX_STUDY.equals(study.path("MainDicomTags").path("StudyInstanceUID").asText())) {
                    assertThat(orthanc.client().send("DELETE", "/studies/" + study.get("ID").asText(), new byte[0])
                            .status()).isEqualTo(200);
                }
            }
            int withoutBrainix = orthanc.client().get("/instances").json().size();
            DcmtkTools.run(dir, 60, "movescu", "-S", "-aet", "FINDSCU", "-aec", "ISENGARD", "-aem", "ORTHANC",
                    "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + BRAINIX_STUDY, "127.0.0.1",
                    Integer.toString(isengardDicom)).assertSuccess();
            assertThat(orthanc.client().get("/instances").json()).hasSize(withoutBrainix + 3);
            orthanc.assertAlive();
        }
    }
}
