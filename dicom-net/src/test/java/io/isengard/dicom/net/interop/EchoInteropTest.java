package io.isengard.dicom.net.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.net.DicomServer;
import io.isengard.dicom.net.PresentationContexts;
import io.isengard.dicom.net.Scu;
import io.isengard.dicom.net.ServiceHandlers;
import io.isengard.dicom.net.dimse.Status;
import io.isengard.dicom.net.testing.Dcmtk;
import io.isengard.dicom.net.testing.TestScp;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** C-ECHO both ways: DCMTK's echoscu against our server, our SCU against DCMTK's storescp. */
@Timeout(60)
class EchoInteropTest {
    @TempDir
    Path dir;

    @Test
    void echoscuIsAnsweredBySuccess() throws Exception {
        try (DicomServer server = TestScp.start(ServiceHandlers.echoOnly())) {
            Dcmtk.Result r = Dcmtk.run(30, "echoscu", "-v", "-aec", TestScp.AE, "-aet", "ECHOSCU", "127.0.0.1",
                    Integer.toString(server.port()));
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.output()).contains("Received Echo Response (Success)");
        }
    }

    @Test
    void echoscuOverSeveralAssociationsInOneRun() throws Exception {
        try (DicomServer server = TestScp.start(ServiceHandlers.echoOnly())) {
            Dcmtk.Result r = Dcmtk.run(30, "echoscu", "-v", "--repeat", "3", "--call", TestScp.AE, "127.0.0.1",
                    Integer.toString(server.port()));
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.output().split("Received Echo Response \\(Success\\)", -1)).hasSize(4);
        }
    }

    @Test
    void ourScuEchoesStorescp() throws Exception {
        int port = Dcmtk.freePort();
        try (Dcmtk.Peer storescp = Dcmtk.background("storescp", "-v", "-aet", "STORESCP", "-od", dir.toString(),
                Integer.toString(port))) {
            Dcmtk.awaitListening(port, 10);
            assertThat(storescp.process().isAlive()).isTrue();
            try (Scu scu = Scu.open(Scu.Parameters.of("127.0.0.1", port, "ISENGARD", "STORESCP",
                    new PresentationContexts().add(PresentationContexts.VERIFICATION)))) {
                assertThat(scu.echo()).isEqualTo(Status.SUCCESS);
                assertThat(scu.echo()).isEqualTo(Status.SUCCESS);
            }
        }
    }
}
