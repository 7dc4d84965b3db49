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
import io.isengard.dicom.net.dimse.Status;
import io.isengard.dicom.net.testing.DataSetDumps;
import io.isengard.dicom.net.testing.InMemoryArchive;
import io.isengard.dicom.net.testing.InMemoryArchive.Keys;
import io.isengard.dicom.net.testing.Samples;
import io.isengard.dicom.net.testing.TestScp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both ends ours: the SCU's C-FIND cancel, C-MOVE between two of our
 * servers, C-GET with a role selection and a compressed instance the SCU
 * did not offer a context for (a failed sub-operation).
 */
@Timeout(60)
class ScuAgainstOurServerTest {
    @TempDir
    Path dir;

    @Test
    void findCancelMoveAndGet() throws Exception {
        List<Path> files = List.of(Samples.get("Brainix/Epi/IM-0001-0001.dcm"),
                Samples.get("Brainix/Epi/IM-0001-0002.dcm"), Samples.get("Brainix/Epi/IM-0001-0003.dcm"),
                Samples.get("Formats/Jpeg.dcm"));
        Path moved = Files.createDirectories(dir.resolve("moved"));
        Map<String, AtomicInteger> movedCounts = TestScp.counter();
        try (DicomServer destination = TestScp.start(TestScp.storingTo(moved, movedCounts))) {
            InMemoryArchive archive = new InMemoryArchive(files).destination("DEST", destination.port());
            archive.findPauseMillis = 200;
            try (DicomServer server = DicomServer.start(DicomServer.Config.of(0, TestScp.policy(),
                    archive.handlers()))) {
                PresentationContexts contexts = new PresentationContexts().add(PresentationContexts.VERIFICATION)
                        .add(PresentationContexts.PATIENT_ROOT_FIND)
                        .add(PresentationContexts.STUDY_ROOT_MOVE).add(PresentationContexts.STUDY_ROOT_GET)
                        // Only uncompressed MR: the JPEG instance cannot be sent back by C-GET.
                        .add("1.2.840.10008.5.1.4.1.1.4", PresentationContexts.UNCOMPRESSED)
                        .role("1.2.840.10008.5.1.4.1.1.4", false, true);
                Path got = Files.createDirectories(dir.resolve("got"));
                Map<String, AtomicInteger> gotCounts = TestScp.counter();
                try (Scu scu = Scu.open(Scu.Parameters.of("127.0.0.1", server.port(), "OURSCU", TestScp.AE,
                        contexts).withHandlers(TestScp.storingTo(got, gotCounts)))) {
                    DataSet keys = new DataSet();
                    keys.putString(Keys.QueryRetrieveLevel, VR.CS, "IMAGE");
                    keys.putString(Tag.SOPInstanceUID, VR.UI, "");
                    List<String> seen = new ArrayList<>();
                    DimseResponse find = scu.find(PresentationContexts.PATIENT_ROOT_FIND, keys, match -> {
                        seen.add(match.string(Tag.SOPInstanceUID));
                        return false; // cancel after the first match
                    });
                    assertThat(find.status()).isEqualTo(Status.CANCEL);
                    assertThat(seen).hasSize(1);
                    assertThat(archive.findCancelled.await(10, TimeUnit.SECONDS)).isTrue();

                    DataSet all = new DataSet();
                    all.putString(Keys.QueryRetrieveLevel, VR.CS, "STUDY");
                    List<DimseResponse> pending = new ArrayList<>();
                    DimseResponse move = scu.move(PresentationContexts.STUDY_ROOT_MOVE, "DEST", all, pending::add);
                    assertThat(move.status()).isEqualTo(Status.SUCCESS);
                    assertThat(move.completed()).isEqualTo(4);
                    assertThat(pending).extracting(DimseResponse::remaining).containsExactly(3, 2, 1);
                    assertThat(movedCounts).hasSize(4);

                    DimseResponse get = scu.get(PresentationContexts.STUDY_ROOT_GET, all, null);
                    assertThat(get.status()).isEqualTo(Status.SUB_OPERATIONS_WARNING);
                    assertThat(get.completed()).isEqualTo(3);
                    assertThat(get.failed()).isEqualTo(1);
                    assertThat(gotCounts).hasSize(3);
                    assertThat(scu.echo()).isEqualTo(Status.SUCCESS);
                }
                for (Path f : files) {
                    DicomFile h = DicomReader.read(f, ReadOptions.HEADER_ONLY);
                    String uid = h.dataSet().string(Tag.SOPInstanceUID);
                    DataSetDumps.assertSameDataSet(moved.resolve(uid + ".dcm"), f);
                    if (!h.transferSyntax().encapsulated()) {
                        DataSetDumps.assertSameDataSet(got.resolve(uid + ".dcm"), f);
                    }
                }
            }
        }
    }
}
