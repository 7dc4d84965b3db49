package io.isengard.dicom.net.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.Tag;
import io.isengard.dicom.VR;
import io.isengard.dicom.io.DicomFile;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.DicomWriter;
import io.isengard.dicom.io.ReadOptions;
import io.isengard.dicom.net.DicomServer;
import io.isengard.dicom.net.testing.Dcmtk;
import io.isengard.dicom.net.testing.Samples;
import io.isengard.dicom.net.testing.TestScp;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 50 storescu processes at once, each with its own association and its own
 * instances: every instance must arrive exactly once, complete.
 */
@Timeout(300)
class ConcurrentStorescuTest {
    static final int ASSOCIATIONS = 50;
    static final int INSTANCES_EACH = 4;

    @TempDir
    Path dir;

    @Test
    void fiftyConcurrentAssociationsAllReceivedOnce() throws Exception {
        DicomFile template = DicomReader.read(Samples.get("Brainix/Epi/IM-0001-0001.dcm"), ReadOptions.DEFAULT);
        Set<String> sent = new HashSet<>();
        List<Path> folders = new ArrayList<>();
        for (int a = 0; a < ASSOCIATIONS; a++) {
            Path folder = Files.createDirectories(dir.resolve("send-" + a));
            folders.add(folder);
            for (int i = 0; i < INSTANCES_EACH; i++) {
                String uid = "2.25." + (1_000_000L + a * 1000L + i);
                DataSet ds = template.dataSet();
                ds.putString(Tag.SOPInstanceUID, VR.UI, uid);
                try (OutputStream out = Files.newOutputStream(folder.resolve(uid + ".dcm"))) {
                    DicomWriter.writeFile(out, null, ds, template.transferSyntax());
                }
                sent.add(uid);
            }
        }
        Path received = Files.createDirectories(dir.resolve("received"));
        Map<String, AtomicInteger> counts = TestScp.counter();
        try (DicomServer server = TestScp.start(TestScp.storingTo(received, counts))) {
            List<Dcmtk.Peer> peers = new ArrayList<>();
            try {
                for (Path folder : folders) {
                    peers.add(Dcmtk.background("storescu", "-aec", TestScp.AE, "+sd", "127.0.0.1",
                            Integer.toString(server.port()), folder.toString()));
                }
                for (Dcmtk.Peer p : peers) {
                    Dcmtk.Result r = p.await(240);
                    assertThat(r.exitCode()).as(r.output()).isZero();
                }
            } finally {
                for (Dcmtk.Peer p : peers) {
                    p.close();
                }
            }
        }
        assertThat(counts.keySet()).isEqualTo(sent);
        assertThat(counts.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        try (Stream<Path> files = Files.list(received)) {
            assertThat(files.toList()).hasSize(ASSOCIATIONS * INSTANCES_EACH)
                    .allSatisfy(f -> assertThat(DicomReader.read(f, ReadOptions.DEFAULT).dataSet()
                            .bytes(Tag.PixelData)).hasSize(template.dataSet().bytes(Tag.PixelData).length));
        }
    }
}
