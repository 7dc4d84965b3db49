package io.isengard.dicom.net.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.Tag;
import io.isengard.dicom.TransferSyntax;
import io.isengard.dicom.VR;
import io.isengard.dicom.io.DicomFile;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.ReadOptions;
import io.isengard.dicom.net.DicomServer;
import io.isengard.dicom.net.DimseResponse;
import io.isengard.dicom.net.PresentationContexts;
import io.isengard.dicom.net.Scu;
import io.isengard.dicom.net.dimse.Status;
import io.isengard.dicom.net.testing.DataSetDumps;
import io.isengard.dicom.net.testing.Dcmtk;
import io.isengard.dicom.net.testing.InMemoryArchive.Keys;
import io.isengard.dicom.net.testing.Samples;
import io.isengard.dicom.net.testing.TestScp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our SCU against DCMTK: C-STORE to storescp (as the file is, and converted
 * when storescp accepts implicit VR only), and C-STORE, C-FIND, C-MOVE and
 * C-GET against dcmqrscp, DCMTK's query/retrieve archive.
 */
@Timeout(120)
class ScuAgainstDcmtkTest {
    @TempDir
    Path dir;

    static final List<String> SAMPLES = List.of("Brainix/Epi/IM-0001-0001.dcm", "ColorTestMalaterre.dcm",
            "Formats/Jpeg.dcm", "Formats/Rle.dcm", "Formats/jp2k91YBR-ICT.dcm");

    private static PresentationContexts contextsFor(List<Path> files) throws IOException {
        PresentationContexts contexts = new PresentationContexts().add(PresentationContexts.VERIFICATION);
        for (Path f : files) {
            DicomFile h = DicomReader.read(f, ReadOptions.HEADER_ONLY);
            contexts.storage(h.dataSet().string(Tag.SOPClassUID), h.transferSyntax().uid());
        }
        return contexts;
    }

    private static Path receivedCopy(Path dir, Path original) throws IOException {
        String uid = DicomReader.read(original, ReadOptions.HEADER_ONLY).dataSet().string(Tag.SOPInstanceUID);
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().contains(uid)).findFirst()
                    .orElseThrow(() -> new AssertionError(uid + " not found in " + dir));
        }
    }

    @Test
    void storeToStorescpInTheFilesOwnTransferSyntaxes() throws Exception {
        List<Path> files = new ArrayList<>();
        for (String s : SAMPLES) {
            files.add(Samples.get(s));
        }
        Path out = Files.createDirectories(dir.resolve("storescp"));
        int port = Dcmtk.freePort();
        try (Dcmtk.Peer storescp = Dcmtk.background("storescp", "+xa", "-aet", "STORESCP", "-od", out.toString(),
                Integer.toString(port))) {
            Dcmtk.awaitListening(port, 10);
            assertThat(storescp.process().isAlive()).isTrue();
            try (Scu scu = Scu.open(Scu.Parameters.of("127.0.0.1", port, "ISENGARD", "STORESCP",
                    contextsFor(files)))) {
                for (Path f : files) {
                    assertThat(scu.store(f).status()).as("C-STORE of %s", f).isEqualTo(Status.SUCCESS);
                }
            }
        }
        for (Path f : files) {
            Path copy = receivedCopy(out, f);
            TransferSyntax sent = DicomReader.read(copy, ReadOptions.HEADER_ONLY).transferSyntax();
            TransferSyntax own = DicomReader.read(f, ReadOptions.HEADER_ONLY).transferSyntax();
            if (own.encapsulated()) {
                assertThat(sent).as("compressed files go as they are").isEqualTo(own);
                DataSetDumps.assertSameDataSet(copy, f);
            } else {
                // storescp chooses among the uncompressed syntaxes we propose; we convert if it is not the file's.
                String dcmconv = sent.explicitVR() ? sent.bigEndian() ? "+tb" : "+te" : "+ti";
                DataSetDumps.assertSameDataSet(copy, DataSetDumps.converted(f, dcmconv, dir));
            }
        }
    }

    @Test
    void storeConvertsToImplicitWhenThatIsAllThePeerAccepts() throws Exception {
        Path original = Samples.get("Brainix/Epi/IM-0001-0002.dcm");
        Path jpeg = Samples.get("Formats/Jpeg.dcm");
        Path out = Files.createDirectories(dir.resolve("storescp"));
        int port = Dcmtk.freePort();
        try (Dcmtk.Peer storescp = Dcmtk.background("storescp", "+xi", "-aet", "STORESCP", "-od", out.toString(),
                Integer.toString(port))) {
            Dcmtk.awaitListening(port, 10);
            assertThat(storescp.process().isAlive()).isTrue();
            try (Scu scu = Scu.open(Scu.Parameters.of("127.0.0.1", port, "ISENGARD", "STORESCP",
                    contextsFor(List.of(original, jpeg))))) {
                assertThat(scu.store(original).status()).isEqualTo(Status.SUCCESS);
                assertThatThrownBy(() -> scu.store(jpeg)).isInstanceOf(Scu.NoPresentationContextException.class)
                        .hasMessageContaining("1.2.840.10008.1.2.4.70");
                assertThat(scu.echo()).as("the association survives a refused file").isEqualTo(Status.SUCCESS);
            }
        }
        Path copy = receivedCopy(out, original);
        assertThat(DicomReader.read(copy, ReadOptions.HEADER_ONLY).transferSyntax())
                .isEqualTo(TransferSyntax.ImplicitVRLittleEndian);
        DataSetDumps.assertSameDataSet(copy, DataSetDumps.converted(original, "+ti", dir));
    }

    /**
     * dcmqrscp with one archive AE (QRSCP) that knows our server as OURSCP; +xs: JPEG lossless accepted too.
     * Fork mode (its default): DCMTK 3.6.7's single-process mode (-s) crashes after the first release.
     */
    private Dcmtk.Peer startDcmqrscp(int port, int ourPort) throws Exception {
        Path db = Files.createDirectories(dir.resolve("qrdb"));
        Path config = dir.resolve("dcmqrscp.cfg");
        Files.writeString(config, """
                NetworkTCPPort  = %d
                MaxPDUSize      = 16384
                MaxAssociations = 16
                HostTable BEGIN
                ourscp = (OURSCP, 127.0.0.1, %d)
                HostTable END
                VendorTable BEGIN
                VendorTable END
                AETable BEGIN
                QRSCP  %s  RW  (100, 1024mb)  ANY
                AETable END
                """.formatted(port, ourPort, db));
        Dcmtk.Peer peer = Dcmtk.background("dcmqrscp", "+xs", "-c", config.toString(), Integer.toString(port));
        Dcmtk.awaitListening(port, 10);
        Thread.sleep(200);
        assertThat(peer.process().isAlive()).as("dcmqrscp runs: %s", peer.output()).isTrue();
        return peer;
    }

    @Test
    void storeFindMoveAndGetAgainstDcmqrscp() throws Exception {
        List<Path> files = List.of(Samples.get("Brainix/Epi/IM-0001-0001.dcm"),
                Samples.get("Brainix/Epi/IM-0001-0002.dcm"), Samples.get("Formats/Jpeg.dcm"));
        String study = DicomReader.read(files.get(0), ReadOptions.HEADER_ONLY).dataSet().string(Keys.StudyInstanceUID);
        Path moved = Files.createDirectories(dir.resolve("moved"));
        Map<String, AtomicInteger> movedCounts = TestScp.counter();
        int qrPort = Dcmtk.freePort();
        try (DicomServer ours = DicomServer.start(DicomServer.Config.of(0, TestScp.policy(),
                TestScp.storingTo(moved, movedCounts)));
                Dcmtk.Peer qr = startDcmqrscp(qrPort, ours.port())) {
            // C-STORE into the archive
            try (Scu scu = Scu.open(Scu.Parameters.of("127.0.0.1", qrPort, "OURSCP", "QRSCP", contextsFor(files)))) {
                for (Path f : files) {
                    assertThat(scu.store(f).status()).as("C-STORE of %s: %s", f, qr.output()).isEqualTo(Status.SUCCESS);
                }
            }
            PresentationContexts qrContexts = new PresentationContexts().add(PresentationContexts.STUDY_ROOT_FIND)
                    .add(PresentationContexts.STUDY_ROOT_MOVE).add(PresentationContexts.STUDY_ROOT_GET);
            // C-GET needs storage contexts we accept as SCP.
            for (Path f : files) {
                DicomFile h = DicomReader.read(f, ReadOptions.HEADER_ONLY);
                qrContexts.storage(h.dataSet().string(Tag.SOPClassUID), h.transferSyntax().uid());
                qrContexts.role(h.dataSet().string(Tag.SOPClassUID), false, true);
            }
            Path got = Files.createDirectories(dir.resolve("got"));
            Map<String, AtomicInteger> gotCounts = TestScp.counter();
            try (Scu scu = Scu.open(Scu.Parameters.of("127.0.0.1", qrPort, "OURSCP", "QRSCP", qrContexts)
                    .withHandlers(TestScp.storingTo(got, gotCounts)))) {
                // C-FIND: two studies, the Brainix one found by its UID
                DataSet keys = new DataSet();
                keys.putString(Keys.QueryRetrieveLevel, VR.CS, "STUDY");
                keys.putString(Keys.StudyInstanceUID, VR.UI, "");
                keys.putString(Keys.PatientName, VR.PN, "");
                List<DataSet> matches = new ArrayList<>();
                DimseResponse found = scu.find(PresentationContexts.STUDY_ROOT_FIND, keys, m -> matches.add(m));
                assertThat(found.status()).isEqualTo(Status.SUCCESS);
                assertThat(matches).extracting(m -> m.string(Keys.StudyInstanceUID)).hasSize(2).contains(study);

                // C-MOVE of the Brainix study to our server
                DataSet moveKeys = new DataSet();
                moveKeys.putString(Keys.QueryRetrieveLevel, VR.CS, "STUDY");
                moveKeys.putString(Keys.StudyInstanceUID, VR.UI, study);
                List<DimseResponse> progress = new ArrayList<>();
                DimseResponse move = scu.move(PresentationContexts.STUDY_ROOT_MOVE, "OURSCP", moveKeys, progress::add);
                assertThat(move.status()).as("C-MOVE: %s", qr.output()).isEqualTo(Status.SUCCESS);
                assertThat(move.completed()).isEqualTo(2);
                assertThat(movedCounts).hasSize(2).allSatisfy((uid, n) -> assertThat(n.get()).isEqualTo(1));

                // C-GET of the same study on this association
                DimseResponse get = scu.get(PresentationContexts.STUDY_ROOT_GET, moveKeys, null);
                assertThat(get.status()).as("C-GET: %s", qr.output()).isEqualTo(Status.SUCCESS);
                assertThat(get.completed()).isEqualTo(2);
                assertThat(gotCounts.keySet()).isEqualTo(movedCounts.keySet());
            }
            for (Path f : files.subList(0, 2)) {
                DataSetDumps.assertSameDataSet(receivedCopy(moved, f), f);
                DataSetDumps.assertSameDataSet(receivedCopy(got, f), f);
            }
        }
    }
}
