package io.isengard.dicom.net.pdu;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.net.dimse.Command;
import io.isengard.dicom.net.dimse.CommandField;
import io.isengard.dicom.net.dimse.Status;
import io.isengard.dicom.net.testing.Dcmtk;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whole conversations with DCMTK held with the PDU codec alone (no upper
 * layer of ours): every PDU DCMTK sends is captured as bytes and decoded —
 * A-ASSOCIATE-AC from storescp, P-DATA-TF with a C-ECHO-RQ and its response,
 * A-RELEASE-RQ/RP and A-ABORT from echoscu and storescp.
 */
@Timeout(60)
class DcmtkConversationTest {
    /** Reads one PDU as raw bytes (header included). */
    private static byte[] rawPdu(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] header = new byte[6];
        data.readFully(header);
        int length = ((header[2] & 0xFF) << 24) | ((header[3] & 0xFF) << 16) | ((header[4] & 0xFF) << 8)
                | (header[5] & 0xFF);
        assertThat(length).isLessThan(1 << 20);
        byte[] pdu = new byte[6 + length];
        System.arraycopy(header, 0, pdu, 0, 6);
        data.readFully(pdu, 6, length);
        return pdu;
    }

    private static Pdu decode(byte[] raw) throws PduException {
        return PduDecoder.decode(raw[0] & 0xFF, java.util.Arrays.copyOfRange(raw, 6, raw.length));
    }

    private static AAssociateAc acceptEcho(AAssociateRq rq) {
        return new AAssociateAc(1, rq.calledAeTitle(), rq.callingAeTitle(), AAssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextAc(1, 0, "1.2.840.10008.1.2")),
                UserInformation.of(16384, "1.2.3.4", "RAW"));
    }

    @Test
    void echoscuConversation() throws Exception {
        try (ServerSocket server = new ServerSocket(0);
                Dcmtk.Peer echoscu = Dcmtk.background("echoscu", "-aec", "RAW", "127.0.0.1",
                        Integer.toString(server.getLocalPort()));
                Socket s = server.accept()) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            AAssociateRq rq = (AAssociateRq) decode(rawPdu(in));
            out.write(PduEncoder.encode(acceptEcho(rq)));

            byte[] pData = rawPdu(in);
            PDataTf echo = (PDataTf) decode(pData);
            assertThat(echo.pdvs()).hasSize(1);
            Pdv pdv = echo.pdvs().get(0);
            assertThat(pdv.presentationContextId()).isEqualTo(1);
            assertThat(pdv.command()).isTrue();
            assertThat(pdv.last()).isTrue();
            Command command = Command.decode(pdv.bytes(), pdv.length());
            assertThat(command.commandField()).isEqualTo(CommandField.C_ECHO_RQ);
            assertThat(command.string(Command.AffectedSOPClassUID)).isEqualTo("1.2.840.10008.1.1");
            assertThat(command.hasDataSet()).isFalse();
            assertThat(PduEncoder.encode(echo)).as("P-DATA-TF re-encoded").isEqualTo(pData);

            Command rsp = Command.responseTo(command, Status.SUCCESS);
            out.write(PduEncoder.encode(new PDataTf(List.of(new Pdv(1, true, true, rsp.encode())))));

            byte[] release = rawPdu(in);
            assertThat(release).isEqualTo(HexFormat.of().parseHex("050000000004" + "00000000"));
            assertThat(decode(release)).isEqualTo(new AReleaseRq());
            out.write(PduEncoder.encode(new AReleaseRp()));
            assertThat(in.read()).as("echoscu closed after the release").isEqualTo(-1);
            Dcmtk.Result r = echoscu.await(30);
            assertThat(r.exitCode()).as(r.output()).isZero();
        }
    }

    @Test
    void echoscuAbort() throws Exception {
        try (ServerSocket server = new ServerSocket(0);
                Dcmtk.Peer echoscu = Dcmtk.background("echoscu", "--abort", "-aec", "RAW", "127.0.0.1",
                        Integer.toString(server.getLocalPort()));
                Socket s = server.accept()) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            AAssociateRq rq = (AAssociateRq) decode(rawPdu(in));
            out.write(PduEncoder.encode(acceptEcho(rq)));
            Pdv pdv = ((PDataTf) decode(rawPdu(in))).pdvs().get(0);
            Command command = Command.decode(pdv.bytes(), pdv.length());
            assertThat(command.commandField()).isEqualTo(CommandField.C_ECHO_RQ);
            out.write(PduEncoder.encode(new PDataTf(List.of(new Pdv(1, true, true,
                    Command.responseTo(command, Status.SUCCESS).encode())))));
            byte[] abort = rawPdu(in);
            assertThat(abort).isEqualTo(HexFormat.of().parseHex("070000000004" + "00000000"));
            assertThat(decode(abort)).isEqualTo(AAbort.byServiceUser());
        }
    }

    @Test
    void storescpAcceptsAndReleases() throws Exception {
        int port = Dcmtk.freePort();
        try (Dcmtk.Peer storescp = Dcmtk.background("storescp", "-aet", "STORESCP", "--max-pdu", "32768",
                Integer.toString(port))) {
            Dcmtk.awaitListening(port, 10);
            try (Socket s = new Socket("127.0.0.1", port)) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                AAssociateRq rq = new AAssociateRq(1, "STORESCP", "RAW", AAssociateRq.DICOM_APPLICATION_CONTEXT,
                        List.of(new PresentationContextRq(1, "1.2.840.10008.1.1", List.of("1.2.840.10008.1.2")),
                                new PresentationContextRq(3, "1.2.840.10008.5.1.4.1.1.2",
                                        List.of("1.2.840.10008.1.2.4.50")),
                                new PresentationContextRq(5, "1.3.6.1.4.1.99999.9", List.of("1.2.840.10008.1.2"))),
                        UserInformation.of(16384, "1.2.3.4", "RAW"));
                out.write(PduEncoder.encode(rq));
                byte[] raw = rawPdu(in);
                AAssociateAc ac = (AAssociateAc) decode(raw);
                assertThat(ac.calledAeTitle()).isEqualTo("STORESCP");
                assertThat(ac.callingAeTitle()).isEqualTo("RAW");
                assertThat(ac.presentationContexts()).extracting(PresentationContextAc::id, PresentationContextAc::result)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 0),
                                org.assertj.core.groups.Tuple.tuple(3, 4),
                                org.assertj.core.groups.Tuple.tuple(5, 3));
                assertThat(ac.presentationContext(1).transferSyntax()).isEqualTo("1.2.840.10008.1.2");
                assertThat(ac.userInformation().maxPduLength()).isEqualTo(32768);
                assertThat(ac.userInformation().implementationClassUid()).startsWith("1.2.276.0.7230010.3.0.3.6.");
                assertThat(decode(PduEncoder.encode(ac))).isEqualTo(ac);

                out.write(PduEncoder.encode(new AReleaseRq()));
                byte[] rp = rawPdu(in);
                assertThat(rp).isEqualTo(HexFormat.of().parseHex("060000000004" + "00000000"));
                assertThat(decode(rp)).isEqualTo(new AReleaseRp());
            }
            assertThat(storescp.process().isAlive()).isTrue();
        }
    }
}
