package io.isengard.dicom.net.pdu;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.net.testing.Dcmtk;
import io.isengard.dicom.net.testing.Samples;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bytes captured from DCMTK's tools: a bare {@link ServerSocket} in the test
 * plays the acceptor, reads the first PDU the tool sends, answers with an
 * A-ASSOCIATE-RJ, and the decoder must read what DCMTK meant.
 */
@Timeout(60)
class DcmtkCapturedPduTest {
    /** DCMTK 3.6.7's implementation class UID and version name. */
    private static final String DCMTK_CLASS_UID_PREFIX = "1.2.276.0.7230010.3.0.3.6.";

    @Test
    void echoscuAssociateRqDecodesAndReencodesToTheSameBytes() throws Exception {
        byte[] captured = capture("echoscu", "-aet", "ECHOSCU", "-aec", "CAPTURE", "-pdu", "32768");
        AAssociateRq rq = (AAssociateRq) PduDecoder.decode(captured[0], body(captured));
        assertThat(rq.calledAeTitle()).isEqualTo("CAPTURE");
        assertThat(rq.callingAeTitle()).isEqualTo("ECHOSCU");
        assertThat(rq.protocolVersion()).isEqualTo(1);
        assertThat(rq.applicationContextName()).isEqualTo(AAssociateRq.DICOM_APPLICATION_CONTEXT);
        assertThat(rq.presentationContexts()).hasSize(1);
        PresentationContextRq pc = rq.presentationContexts().get(0);
        assertThat(pc.id()).isEqualTo(1);
        assertThat(pc.abstractSyntax()).isEqualTo("1.2.840.10008.1.1");
        assertThat(pc.transferSyntaxes()).containsExactly("1.2.840.10008.1.2");
        assertThat(rq.userInformation().maxPduLength()).isEqualTo(32768);
        assertThat(rq.userInformation().implementationClassUid()).startsWith(DCMTK_CLASS_UID_PREFIX);
        assertThat(rq.userInformation().implementationVersionName()).startsWith("OFFIS_DCMTK_");
        // Byte for byte the same, but for reserved fields: DCMTK sends FFH in the third reserved byte of a
        // proposed presentation context item, where PS3.8 §9.3.2.2 says "00H, not tested".
        byte[] ours = PduEncoder.encode(rq);
        assertThat(ours).hasSameSizeAs(captured);
        List<Integer> differences = new ArrayList<>();
        for (int i = 0; i < ours.length; i++) {
            if (ours[i] != captured[i]) {
                differences.add(i);
            }
        }
        int contextItem = indexOf(captured, (byte) 0x20);
        assertThat(differences).as("bytes that differ from echoscu's").containsExactly(contextItem + 6);
        assertThat(ours[contextItem + 6]).isZero();
    }

    @Test
    void storescuUserIdentityIsDecoded() throws Exception {
        byte[] captured = capture("storescu", "-aet", "STORESCU", "-aec", "CAPTURE", "-R", "-xi", "-usr", "alice",
                "-pwd", "s3cret", null);
        AAssociateRq rq = (AAssociateRq) PduDecoder.decode(captured[0], body(captured));
        UserIdentityRq id = rq.userInformation().userIdentityRq();
        assertThat(id).isNotNull();
        assertThat(id.identityType()).isEqualTo(UserIdentityRq.USERNAME_AND_PASSCODE);
        assertThat(new String(id.primaryField(), StandardCharsets.UTF_8)).isEqualTo("alice");
        assertThat(new String(id.secondaryField(), StandardCharsets.UTF_8)).isEqualTo("s3cret");
        // -R -xi: only the file's SOP class (CT), implicit VR little endian only.
        assertThat(rq.presentationContexts()).extracting(PresentationContextRq::abstractSyntax)
                .contains("1.2.840.10008.5.1.4.1.1.4");
        assertThat(rq.presentationContexts()).allSatisfy(pc -> assertThat(pc.transferSyntaxes())
                .containsExactly("1.2.840.10008.1.2"));
        assertThat(PduDecoder.decode(captured[0], body(PduEncoder.encode(rq)))).isEqualTo(rq);
    }

    @Test
    void getscuProposesTheScpRoleForStorage() throws Exception {
        byte[] captured = capture("getscu", "-aet", "GETSCU", "-aec", "CAPTURE", "-k", "QueryRetrieveLevel=STUDY",
                "-k", "StudyInstanceUID=1.2.3");
        AAssociateRq rq = (AAssociateRq) PduDecoder.decode(captured[0], body(captured));
        assertThat(rq.presentationContexts()).extracting(PresentationContextRq::abstractSyntax)
                .contains("1.2.840.10008.5.1.4.1.2.1.3", "1.2.840.10008.5.1.4.1.1.2");
        RoleSelection ct = rq.userInformation().roleSelection("1.2.840.10008.5.1.4.1.1.2");
        assertThat(ct).as("role selection for CT Image Storage").isNotNull();
        assertThat(ct.scpRole()).isTrue();
        assertThat(rq.userInformation().roleSelections()).hasSizeGreaterThan(10);
        assertThat(PduDecoder.decode(captured[0], body(PduEncoder.encode(rq)))).isEqualTo(rq);
    }

    /** The offset of the first item of this type after the 74 fixed bytes of an A-ASSOCIATE PDU. */
    private static int indexOf(byte[] pdu, byte itemType) {
        int i = 74;
        while (pdu[i] != itemType) {
            i += 4 + (((pdu[i + 2] & 0xFF) << 8) | (pdu[i + 3] & 0xFF));
        }
        return i;
    }

    private static byte[] body(byte[] pdu) {
        return java.util.Arrays.copyOfRange(pdu, 6, pdu.length);
    }

    /**
     * Runs the tool against a socket of ours and returns the first PDU it
     * sent. A null argument stands for a sample file (storescu needs one).
     */
    private static byte[] capture(String tool, String... options) throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            List<String> args = new ArrayList<>();
            for (String o : options) {
                args.add(o == null ? Samples.get("Brainix/Epi/IM-0001-0001.dcm").toString() : o);
            }
            int fileArgument = args.size();
            args.add(fileArgument - (options[options.length - 1] == null ? 1 : 0), "127.0.0.1");
            args.add(fileArgument - (options[options.length - 1] == null ? 1 : 0) + 1,
                    Integer.toString(server.getLocalPort()));
            try (Dcmtk.Peer peer = Dcmtk.background(tool, args.toArray(String[]::new));
                    Socket s = server.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                byte[] header = in.readNBytes(6);
                assertThat(header).as("%s sent an A-ASSOCIATE-RQ; output: %s", tool, peer.output()).hasSize(6);
                int length = ((header[2] & 0xFF) << 24) | ((header[3] & 0xFF) << 16) | ((header[4] & 0xFF) << 8)
                        | (header[5] & 0xFF);
                byte[] body = readExactly(in, length);
                s.getOutputStream().write(PduEncoder.encode(new AAssociateRj(1, 1, 1)));
                s.getOutputStream().flush();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(header);
                out.write(body);
                return out.toByteArray();
            }
        }
    }

    private static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        assertThat(b).hasSize(n);
        return b;
    }
}
