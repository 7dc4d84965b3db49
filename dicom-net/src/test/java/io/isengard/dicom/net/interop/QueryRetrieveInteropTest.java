package io.isengard.dicom.net.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.Tag;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.ReadOptions;
import io.isengard.dicom.net.DicomServer;
import io.isengard.dicom.net.testing.DataSetDumps;
import io.isengard.dicom.net.testing.Dcmtk;
import io.isengard.dicom.net.testing.InMemoryArchive;
import io.isengard.dicom.net.testing.Samples;
import io.isengard.dicom.net.testing.TestScp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DCMTK's findscu, movescu and getscu against our server, whose handlers
 * are the test's in-memory archive of three Brainix images (one study) and
 * a JPEG one of another study.
 */
@Timeout(120)
class QueryRetrieveInteropTest {
    @TempDir
    Path dir;

    List<Path> files;
    String brainixStudy;
    InMemoryArchive archive;
    DicomServer server;
    int movescuPort;

    @BeforeEach
    void start() throws Exception {
        files = List.of(Samples.get("Brainix/Epi/IM-0001-0001.dcm"), Samples.get("Brainix/Epi/IM-0001-0002.dcm"),
                Samples.get("Brainix/Epi/IM-0001-0003.dcm"), Samples.get("Formats/Jpeg.dcm"));
        brainixStudy = DicomReader.read(files.get(0), ReadOptions.HEADER_ONLY).dataSet()
                .string(InMemoryArchive.Keys.StudyInstanceUID);
        movescuPort = Dcmtk.freePort();
        archive = new InMemoryArchive(files).destination("MOVESCU", movescuPort);
        server = DicomServer.start(DicomServer.Config.of(0, TestScp.policy(), archive.handlers()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String port() {
        return Integer.toString(server.port());
    }

    @Test
    void findscuGetsOneAnswerPerStudy() {
        Dcmtk.Result r = Dcmtk.run(30, "findscu", "-v", "-S", "-aec", TestScp.AE, "-k", "QueryRetrieveLevel=STUDY",
                "-k", "StudyInstanceUID", "-k", "PatientName", "-k", "StudyDate", "127.0.0.1", port());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("Find Response: 1 (Pending)", "Find Response: 2 (Pending)",
                "Received Final Find Response (Success)", brainixStudy, "BRAINIX")
                .doesNotContain("Find Response: 3");
    }

    @Test
    void findscuWithAKeyMatchesOneStudy() {
        Dcmtk.Result r = Dcmtk.run(30, "findscu", "-v", "-P", "-aec", TestScp.AE, "-k", "QueryRetrieveLevel=SERIES",
                "-k", "StudyInstanceUID=" + brainixStudy, "-k", "SeriesInstanceUID", "127.0.0.1", port());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("Find Response: 1 (Pending)", "Received Final Find Response (Success)")
                .doesNotContain("Find Response: 2");
    }

    @Test
    void findscuCancelReachesTheHandlerWhileItRuns() throws Exception {
        archive.findPauseMillis = 300;
        Dcmtk.Result r = Dcmtk.run(30, "findscu", "-v", "-S", "--cancel", "1", "-aec", TestScp.AE, "-k",
                "QueryRetrieveLevel=IMAGE", "-k", "SOPInstanceUID", "127.0.0.1", port());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("Sending Cancel Request")
                .contains("Received Final Find Response (Cancel: MatchingTerminatedDueToCancelRequest)");
        assertThat(archive.findCancelled.await(10, TimeUnit.SECONDS)).as("the handler saw the C-CANCEL").isTrue();
    }

    @Test
    void movescuReceivesTheStudyThroughItsOwnStorageScp() throws Exception {
        Path out = Files.createDirectories(dir.resolve("moved"));
        Dcmtk.Result r = Dcmtk.run(60, "movescu", "-v", "-S", "-aet", "MOVESCU", "-aec", TestScp.AE, "-aem",
                "MOVESCU", "--port", Integer.toString(movescuPort), "-od", out.toString(), "-k",
                "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + brainixStudy, "127.0.0.1", port());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("Move Response 1 (Pending)", "Received Final Move Response (Success)");
        assertReceivedBrainix(out);
    }

    @Test
    void movescuToAnUnknownDestinationGetsA801() {
        Dcmtk.Result r = Dcmtk.run(60, "movescu", "-v", "-S", "-aec", TestScp.AE, "-aem", "NOWHERE", "-k",
                "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + brainixStudy, "127.0.0.1", port());
        assertThat(r.output()).contains("Received Final Move Response (Refused: MoveDestinationUnknown)");
    }

    @Test
    void getscuReceivesTheStudyOnTheSameAssociation() throws Exception {
        Path out = Files.createDirectories(dir.resolve("got"));
        Dcmtk.Result r = Dcmtk.run(60, "getscu", "-v", "-S", "-aec", TestScp.AE, "-od", out.toString(), "-k",
                "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + brainixStudy, "127.0.0.1", port());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("Received C-GET Response (Success)", "Number of Completed Suboperations : 3");
        assertReceivedBrainix(out);
    }

    private void assertReceivedBrainix(Path out) throws Exception {
        List<Path> received;
        try (Stream<Path> s = Files.list(out)) {
            received = s.sorted().toList();
        }
        assertThat(received).hasSize(3);
        for (Path original : files.subList(0, 3)) {
            String uid = DicomReader.read(original, ReadOptions.HEADER_ONLY).dataSet().string(Tag.SOPInstanceUID);
            Path copy = received.stream().filter(p -> p.getFileName().toString().contains(uid)).findFirst()
                    .orElseThrow(() -> new AssertionError(uid + " not received in " + received));
            DataSetDumps.assertSameDataSet(copy, original);
        }
    }
}
