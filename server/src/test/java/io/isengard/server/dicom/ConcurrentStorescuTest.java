package io.isengard.server.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.dicom.DataSet;
import io.isengard.dicom.Tag;
import io.isengard.dicom.TransferSyntax;
import io.isengard.dicom.VR;
import io.isengard.dicom.io.DicomWriter;
import io.isengard.dicom.io.FileMetaInformation;
import io.isengard.server.TestServer;
import io.isengard.server.rest.Json;
import io.isengard.server.testing.DcmtkTools;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 50 storescu processes at once, 100 small instances each, into the real
 * server (index and storage area): every storescu succeeds and every
 * instance is stored exactly once, at every level.
 */
@Timeout(300)
class ConcurrentStorescuTest {
    static final int ASSOCIATIONS = 50;
    static final int INSTANCES = 100;
    static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";
    static final String ROOT = "1.2.826.0.1.3680043.10.1307.77.";

    @TempDir
    Path dir;

    /** A small instance without pixel data: association a's instance i, one study per association, 10 series. */
    static void write(Path file, long run, int a, int i) throws Exception {
        DataSet ds = new DataSet();
        String sop = ROOT + run + "." + a + "." + i;
        ds.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.putString(Tag.SOPClassUID, VR.UI, SECONDARY_CAPTURE);
        ds.putString(Tag.SOPInstanceUID, VR.UI, sop);
        ds.putString(0x00080060, VR.CS, "OT");
        ds.putString(0x00100010, VR.PN, "CONCURRENT^" + a);
        ds.putString(0x00100020, VR.LO, "CONC-" + run + "-" + a);
        ds.putString(0x0020000D, VR.UI, ROOT + run + "." + a);
        ds.putString(0x0020000E, VR.UI, ROOT + run + "." + a + ".0." + i / 10);
        ds.putString(0x00200013, VR.IS, Integer.toString(i + 1));
        try (OutputStream out = Files.newOutputStream(file)) {
            DicomWriter.writeFile(out, FileMetaInformation.create(SECONDARY_CAPTURE, sop,
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, "TEST"), ds, TransferSyntax.ExplicitVRLittleEndian);
        }
    }

    @Test
    void fiftyAssociationsOfAHundredInstancesEach() throws Exception {
        long run = System.currentTimeMillis();
        List<Path> folders = new ArrayList<>();
        for (int a = 0; a < ASSOCIATIONS; a++) {
            Path folder = Files.createDirectories(dir.resolve("a" + a));
            for (int i = 0; i < INSTANCES; i++) {
                write(folder.resolve(i + ".dcm"), run, a, i);
            }
            folders.add(folder);
        }
        // No fsync: the disk's time is not what this test is about; DicomThreadsCount lets all 50 in at once.
        try (TestServer server = TestServer.start("\"DicomThreadsCount\": 50, \"SyncStorageArea\": false")) {
            List<DcmtkTools.Peer> peers = new ArrayList<>();
            try {
                for (int a = 0; a < ASSOCIATIONS; a++) {
                    peers.add(DcmtkTools.start(dir, "storescu", "-aet", "SCU" + a, "-aec", "ORTHANC", "+sd",
                            "127.0.0.1", Integer.toString(server.dicomPort()), folders.get(a).toString()));
                }
                for (DcmtkTools.Peer p : peers) {
                    DcmtkTools.Result r = p.await(240);
                    assertThat(r.exitCode()).as(r.output()).isZero();
                    assertThat(r.output()).doesNotContain("E: ");
                }
            } finally {
                peers.forEach(DcmtkTools.Peer::close);
            }
            JsonNode stats = Json.MAPPER.readTree(server.get("/statistics").body());
            assertThat(stats.get("CountInstances").asInt()).isEqualTo(ASSOCIATIONS * INSTANCES);
            assertThat(stats.get("CountSeries").asInt()).isEqualTo(ASSOCIATIONS * INSTANCES / 10);
            assertThat(stats.get("CountStudies").asInt()).isEqualTo(ASSOCIATIONS);
            assertThat(stats.get("CountPatients").asInt()).isEqualTo(ASSOCIATIONS);
            for (JsonNode study : Json.MAPPER.readTree(server.get("/studies").body())) {
                assertThat(Json.MAPPER.readTree(server.get("/studies/" + study.asText() + "/instances").body()))
                        .hasSize(INSTANCES);
            }
        }
    }
}
