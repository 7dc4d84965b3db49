package io.isengard.server.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.dicom.DataSet;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.ReadOptions;
import io.isengard.server.TestServer;
import io.isengard.server.rest.Json;
import io.isengard.server.testing.DcmtkTools;
import io.isengard.server.testing.DcmtkTools.Result;
import io.isengard.server.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Isengard's DICOM server against DCMTK's tools: echoscu, storescu (then
 * the REST API shows the instances with their DICOM metadata), findscu at
 * each level, movescu to a storescp started here, getscu.
 */
@Timeout(180)
class DicomServerInteropTest {
    static final String BRAINIX_STUDY = "2.16.840.1.113669.632.20.1211.10000357775";

    @TempDir
    Path dir;

    static List<Path> samples() {
        return List.of(Samples.get("Brainix/Epi/IM-0001-0001.dcm"), Samples.get("Brainix/Epi/IM-0001-0002.dcm"),
                Samples.get("Brainix/Epi/IM-0001-0003.dcm"), Samples.get("Formats/Jpeg.dcm"),
                Samples.get("Formats/Rle.dcm"), Samples.get("DummyCT.dcm"));
    }

    static List<String> command(String... parts) {
        return new ArrayList<>(List.of(parts));
    }

    /** storescu proposing what each file needs: Brainix uncompressed, JPEG lossless, RLE. */
    static void storeSamples(Path dir, int port, String callingAet) {
        List<Path> all = samples();
        storescu(dir, port, callingAet, "ISENGARD", all.subList(0, 3)).assertSuccess();
        storescu(dir, port, callingAet, "ISENGARD", List.of(all.get(3), all.get(5)), "-R", "-xs").assertSuccess();
        storescu(dir, port, callingAet, "ISENGARD", List.of(all.get(4)), "-R", "-xr").assertSuccess();
    }

    static Result storescu(Path dir, int port, String callingAet, String calledAet, List<Path> files,
            String... options) {
        List<String> c = command("storescu", "-aet", callingAet, "-aec", calledAet);
        c.addAll(List.of(options));
        c.add("127.0.0.1");
        c.add(Integer.toString(port));
        files.forEach(f -> c.add(f.toString()));
        return DcmtkTools.run(dir, 120, c.toArray(String[]::new));
    }

    /** findscu with -X: the answers as data sets, in the order received. */
    static List<DataSet> findscu(Path dir, int port, String callingAet, String root, String... keys) throws Exception {
        Path out = Files.createTempDirectory(dir, "find");
        List<String> c = command("findscu", root, "-aet", callingAet, "-aec", "ISENGARD", "-X", "-od", out.toString());
        for (String k : keys) {
            c.add("-k");
            c.add(k);
        }
        c.add("127.0.0.1");
        c.add(Integer.toString(port));
        DcmtkTools.run(dir, 60, c.toArray(String[]::new)).assertSuccess();
        List<DataSet> answers = new ArrayList<>();
        for (Path f : DcmtkTools.files(out)) {
            answers.add(DicomReader.read(f, ReadOptions.DEFAULT).dataSet());
        }
        return answers;
    }

    static String config(int storescpPort) {
        return """
                "DicomAet": "ISENGARD",
                "DicomModalities": {
                  "dest": [ "DEST", "127.0.0.1", %d ],
                  "finder": { "AET": "FINDSCU", "Host": "127.0.0.1", "Port": 1 }
                }""".formatted(storescpPort);
    }

    @Test
    void dcmtkToolsAgainstTheServer() throws Exception {
        Path received = Files.createDirectories(dir.resolve("received"));
        int storescpPort = DcmtkTools.freePort();
        try (TestServer server = TestServer.start(config(storescpPort));
                DcmtkTools.Peer storescp = DcmtkTools.start(dir, "storescp", "-aet", "DEST", "-od",
                        received.toString(), "+xa", Integer.toString(storescpPort))) {
            int port = server.dicomPort();
            assertThat(port).isPositive();

            DcmtkTools.run(dir, 30, "echoscu", "-aet", "ECHOSCU", "-aec", "ISENGARD", "127.0.0.1",
                    Integer.toString(port)).assertSuccess();

            storeSamples(dir, port, "STORESCU");
            JsonNode instances = Json.MAPPER.readTree(server.get("/instances").body());
            assertThat(instances).hasSize(6);
            for (JsonNode id : instances) {
                String base = "/instances/" + id.asText() + "/metadata/";
                assertThat(server.get(base + "Origin").body()).isEqualTo("DicomProtocol");
                assertThat(server.get(base + "RemoteAET").body()).isEqualTo("STORESCU");
                assertThat(server.get(base + "CalledAET").body()).isEqualTo("ISENGARD");
                assertThat(server.get(base + "RemoteIP").body()).isEqualTo("127.0.0.1");
            }
            // Already stored: success again, nothing added.
            storescu(dir, port, "STORESCU", "ISENGARD", samples().subList(0, 2)).assertSuccess();
            assertThat(Json.MAPPER.readTree(server.get("/instances").body())).hasSize(6);

            List<DataSet> studies = findscu(dir, port, "FINDSCU", "-S", "QueryRetrieveLevel=STUDY", "PatientName",
                    "StudyInstanceUID", "ModalitiesInStudy", "NumberOfStudyRelatedInstances",
                    "NumberOfStudyRelatedSeries");
            assertThat(studies).hasSize(4);
            DataSet brainix = studies.stream().filter(d -> BRAINIX_STUDY.equals(d.string(0x0020000D))).findFirst()
                    .orElseThrow();
            assertThat(brainix.string(0x00100010)).isEqualTo("BRAINIX");
            assertThat(brainix.string(0x00201208)).isEqualTo("3");
            assertThat(brainix.string(0x00201206)).isEqualTo("1");
            assertThat(brainix.string(0x00080061)).isEqualTo("MR");
            assertThat(brainix.string(0x00080054)).isEqualTo("ISENGARD");
            assertThat(brainix.string(0x00080052)).isEqualTo("STUDY");
            assertThat(brainix.string(0x00080005)).isEqualTo("ISO_IR 100");

            List<DataSet> patients = findscu(dir, port, "FINDSCU", "-P", "QueryRetrieveLevel=PATIENT",
                    "PatientName=brain*", "PatientID", "NumberOfPatientRelatedInstances");
            assertThat(patients).extracting(d -> d.string(0x00100020)).containsExactlyInAnyOrder("5Yp0E",
                    "FromGDCM");
            assertThat(patients).filteredOn(d -> "5Yp0E".equals(d.string(0x00100020)))
                    .extracting(d -> d.string(0x00201204)).containsExactly("3");

            List<DataSet> series = findscu(dir, port, "FINDSCU", "-S", "QueryRetrieveLevel=SERIES",
                    "StudyInstanceUID=" + BRAINIX_STUDY, "SeriesInstanceUID", "Modality",
                    "NumberOfSeriesRelatedInstances");
            assertThat(series).hasSize(1);
            assertThat(series.get(0).string(0x00201209)).isEqualTo("3");
            assertThat(series.get(0).string(0x00080060)).isEqualTo("MR");
            String seriesUid = series.get(0).string(0x0020000E);

            List<DataSet> images = findscu(dir, port, "FINDSCU", "-S", "QueryRetrieveLevel=IMAGE",
                    "StudyInstanceUID=" + BRAINIX_STUDY, "SeriesInstanceUID=" + seriesUid, "SOPInstanceUID",
                    "InstanceNumber");
            assertThat(images).hasSize(3);
            assertThat(images).allSatisfy(d -> assertThat(d.string(0x00080018)).isNotEmpty());

            // A study no one has: no answer, success.
            assertThat(findscu(dir, port, "FINDSCU", "-S", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=1.2.3"))
                    .isEmpty();

            // C-MOVE of the Brainix study to storescp (a known modality).
            DcmtkTools.run(dir, 60, "movescu", "-S", "-aet", "FINDSCU", "-aec", "ISENGARD", "-aem", "DEST",
                    "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + BRAINIX_STUDY, "127.0.0.1",
                    Integer.toString(port)).assertSuccess();
            assertThat(DcmtkTools.files(received)).hasSize(3);

            // C-MOVE to an unknown destination fails.
            Result unknown = DcmtkTools.run(dir, 60, "movescu", "-S", "-aet", "FINDSCU", "-aec", "ISENGARD", "-aem",
                    "NOWHERE", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + BRAINIX_STUDY,
                    "127.0.0.1", Integer.toString(port));
            assertThat(unknown.output()).contains("Failed: UnableToProcess");

            // C-GET of the Brainix series, back on the same association.
            Path got = Files.createDirectories(dir.resolve("got"));
            DcmtkTools.run(dir, 60, "getscu", "-S", "-aet", "FINDSCU", "-aec", "ISENGARD", "-od", got.toString(),
                    "-k", "QueryRetrieveLevel=SERIES", "-k", "SeriesInstanceUID=" + seriesUid, "127.0.0.1",
                    Integer.toString(port)).assertSuccess();
            assertThat(DcmtkTools.files(got)).hasSize(3);
        }
    }
}
