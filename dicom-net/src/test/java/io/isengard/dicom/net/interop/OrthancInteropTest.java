package io.isengard.dicom.net.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.Tag;
import io.isengard.dicom.VR;
import io.isengard.dicom.io.DicomFile;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.ReadOptions;
import io.isengard.dicom.net.DicomServer;
import io.isengard.dicom.net.DimseResponse;
import io.isengard.dicom.net.PresentationContexts;
import io.isengard.dicom.net.Scu;
import io.isengard.dicom.net.ServiceHandlers;
import io.isengard.dicom.net.dimse.Status;
import io.isengard.dicom.net.testing.DataSetDumps;
import io.isengard.dicom.net.testing.InMemoryArchive;
import io.isengard.dicom.net.testing.InMemoryArchive.Keys;
import io.isengard.dicom.net.testing.OrthancPeer;
import io.isengard.dicom.net.testing.Samples;
import io.isengard.dicom.net.testing.TestScp;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's Orthanc 1.10.1 as the peer, both ways: our SCU stores into it,
 * queries it, and retrieves from it by C-MOVE (to our server) and C-GET;
 * Orthanc's own SCU echoes, stores to and queries our server through its
 * /modalities routes, and pulls from it by C-MOVE.
 */
@Timeout(180)
class OrthancInteropTest {
    @TempDir
    Path dir;

    static List<Path> samples() {
        return List.of(Samples.get("Brainix/Epi/IM-0001-0001.dcm"), Samples.get("Brainix/Epi/IM-0001-0002.dcm"),
                Samples.get("Brainix/Epi/IM-0001-0003.dcm"), Samples.get("Formats/Jpeg.dcm"));
    }

    @Test
    void ourScuAgainstOrthanc() throws Exception {
        List<Path> files = samples();
        String study = DicomReader.read(files.get(0), ReadOptions.HEADER_ONLY).dataSet().string(Keys.StudyInstanceUID);
        Path moved = Files.createDirectories(dir.resolve("moved"));
        Map<String, AtomicInteger> movedCounts = TestScp.counter();
        Path got = Files.createDirectories(dir.resolve("got"));
        Map<String, AtomicInteger> gotCounts = TestScp.counter();
        try (DicomServer ours = DicomServer.start(DicomServer.Config.of(0, TestScp.policy(),
                TestScp.storingTo(moved, movedCounts)));
                OrthancPeer orthanc = OrthancPeer.start(Files.createDirectories(dir.resolve("orthanc")),
                        TestScp.AE, ours.port())) {
            PresentationContexts contexts = new PresentationContexts().add(PresentationContexts.VERIFICATION)
                    .add(PresentationContexts.STUDY_ROOT_FIND).add(PresentationContexts.STUDY_ROOT_MOVE)
                    .add(PresentationContexts.STUDY_ROOT_GET);
            for (Path f : files) {
                DicomFile h = DicomReader.read(f, ReadOptions.HEADER_ONLY);
                contexts.storage(h.dataSet().string(Tag.SOPClassUID), h.transferSyntax().uid());
                contexts.role(h.dataSet().string(Tag.SOPClassUID), false, true);
            }
            try (Scu scu = Scu.open(Scu.Parameters.of("127.0.0.1", orthanc.dicomPort(), TestScp.AE, OrthancPeer.AE,
                    contexts).withHandlers(TestScp.storingTo(got, gotCounts)))) {
                assertThat(scu.echo()).isEqualTo(Status.SUCCESS);
                for (Path f : files) {
                    assertThat(scu.store(f).status()).as("C-STORE of %s", f).isEqualTo(Status.SUCCESS);
                }
                DataSet keys = new DataSet();
                keys.putString(Keys.QueryRetrieveLevel, VR.CS, "STUDY");
                keys.putString(Keys.StudyInstanceUID, VR.UI, "");
                keys.putString(Keys.PatientName, VR.PN, "");
                List<DataSet> matches = new ArrayList<>();
                assertThat(scu.find(PresentationContexts.STUDY_ROOT_FIND, keys, matches::add).status())
                        .isEqualTo(Status.SUCCESS);
                assertThat(matches).extracting(m -> m.string(Keys.StudyInstanceUID)).hasSize(2).contains(study);

                DataSet studyKeys = new DataSet();
                studyKeys.putString(Keys.QueryRetrieveLevel, VR.CS, "STUDY");
                studyKeys.putString(Keys.StudyInstanceUID, VR.UI, study);
                DimseResponse move = scu.move(PresentationContexts.STUDY_ROOT_MOVE, TestScp.AE, studyKeys, null);
                assertThat(move.status()).as("C-MOVE; Orthanc log:%n%s", orthanc.log()).isEqualTo(Status.SUCCESS);
                assertThat(movedCounts).hasSize(3);

                DimseResponse get = scu.get(PresentationContexts.STUDY_ROOT_GET, studyKeys, null);
                assertThat(get.status()).as("C-GET; Orthanc log:%n%s", orthanc.log()).isEqualTo(Status.SUCCESS);
                assertThat(get.completed()).isEqualTo(3);
                assertThat(gotCounts.keySet()).isEqualTo(movedCounts.keySet());
            }
        }
        for (Path f : files.subList(0, 3)) {
            String uid = DicomReader.read(f, ReadOptions.HEADER_ONLY).dataSet().string(Tag.SOPInstanceUID);
            DataSetDumps.assertSameDataSet(moved.resolve(uid + ".dcm"), f);
            DataSetDumps.assertSameDataSet(got.resolve(uid + ".dcm"), f);
        }
    }

    @Test
    void orthancsScuAgainstOurServer() throws Exception {
        List<Path> files = samples();
        Path received = Files.createDirectories(dir.resolve("received"));
        Map<String, AtomicInteger> counts = TestScp.counter();
        InMemoryArchive archive = new InMemoryArchive(files);
        ServiceHandlers handlers = archive.handlers().withStore(TestScp.storingTo(received, counts).store());
        try (DicomServer ours = DicomServer.start(DicomServer.Config.of(0, TestScp.policy(), handlers));
                OrthancPeer orthanc = OrthancPeer.start(Files.createDirectories(dir.resolve("orthanc")),
                        TestScp.AE, ours.port())) {
            HttpResponse<String> echo = orthanc.post("/modalities/ours/echo", "{}");
            assertThat(echo.statusCode()).as(echo.body()).isEqualTo(200);

            for (Path f : files) {
                HttpResponse<String> upload = orthanc.upload(f);
                assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
            }
            HttpResponse<String> store = orthanc.post("/modalities/ours/store",
                    "{\"Resources\": " + orthanc.get("/instances").body() + ", \"Synchronous\": true}");
            assertThat(store.statusCode()).as("%s%n%s", store.body(), orthanc.log()).isEqualTo(200);
            assertThat(counts).hasSize(4).allSatisfy((uid, n) -> assertThat(n.get()).isEqualTo(1));

            HttpResponse<String> query = orthanc.post("/modalities/ours/query",
                    "{\"Level\": \"Study\", \"Query\": {\"StudyInstanceUID\": \"\", \"PatientName\": \"\"}}");
            assertThat(query.statusCode()).as("%s%n%s", query.body(), orthanc.log()).isEqualTo(200);
            String answers = orthanc.get(query.body().replaceAll("(?s).*\"Path\"\\s*:\\s*\"([^\"]+)\".*", "$1")
                    + "/answers").body();
            assertThat(answers.split(",")).as(answers).hasSize(2);
        }
        for (Path f : files) {
            String uid = DicomReader.read(f, ReadOptions.HEADER_ONLY).dataSet().string(Tag.SOPInstanceUID);
            DataSetDumps.assertSameDataSet(received.resolve(uid + ".dcm"), f);
        }
    }

    @Test
    void orthancPullsFromOurServerWithCMove() throws Exception {
        List<Path> files = samples();
        String study = DicomReader.read(files.get(0), ReadOptions.HEADER_ONLY).dataSet().string(Keys.StudyInstanceUID);
        InMemoryArchive archive = new InMemoryArchive(files);
        try (DicomServer ours = DicomServer.start(DicomServer.Config.of(0, TestScp.policy(), archive.handlers()));
                OrthancPeer orthanc = OrthancPeer.start(Files.createDirectories(dir.resolve("orthanc")),
                        TestScp.AE, ours.port())) {
            archive.destination(OrthancPeer.AE, orthanc.dicomPort());
            HttpResponse<String> move = orthanc.post("/modalities/ours/move", """
                    {"Level": "Study", "Resources": [{"StudyInstanceUID": "%s"}], "TargetAet": "%s",
                     "Synchronous": true}""".formatted(study, OrthancPeer.AE));
            assertThat(move.statusCode()).as("%s%n%s", move.body(), orthanc.log()).isEqualTo(200);
            String instances = orthanc.get("/instances").body();
            assertThat(instances.split(",")).as(instances).hasSize(3);
            String statistics = orthanc.get("/statistics").body();
            assertThat(statistics).contains("\"CountStudies\" : 1");
        }
    }
}
