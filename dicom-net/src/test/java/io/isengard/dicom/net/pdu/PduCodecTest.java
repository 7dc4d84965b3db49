package io.isengard.dicom.net.pdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PDUs against hand-checked bytes (PS3.8 §9.3), round trips of every item, and the length bounds. */
class PduCodecTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s+", ""));
    }

    private static Pdu decode(byte[] bytes) throws IOException {
        return PduDecoder.read(new ByteArrayInputStream(bytes), 16384);
    }

    @Test
    void releaseAndAbortPdus() throws IOException {
        byte[] releaseRq = hex("05 00 00000004 00000000");
        byte[] releaseRp = hex("06 00 00000004 00000000");
        byte[] abort = hex("07 00 00000004 00 00 02 06");
        assertThat(PduEncoder.encode(new AReleaseRq())).isEqualTo(releaseRq);
        assertThat(PduEncoder.encode(new AReleaseRp())).isEqualTo(releaseRp);
        assertThat(PduEncoder.encode(AAbort.byServiceProvider(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE)))
                .isEqualTo(abort);
        assertThat(decode(releaseRq)).isEqualTo(new AReleaseRq());
        assertThat(decode(releaseRp)).isEqualTo(new AReleaseRp());
        assertThat(decode(abort)).isEqualTo(new AAbort(2, 6));
    }

    @Test
    void associateRj() throws IOException {
        byte[] bytes = hex("03 00 00000004 00 01 01 07");
        AAssociateRj rj = new AAssociateRj(AAssociateRj.RESULT_PERMANENT, AAssociateRj.SOURCE_SERVICE_USER,
                AAssociateRj.REASON_CALLED_AE_TITLE_NOT_RECOGNIZED);
        assertThat(PduEncoder.encode(rj)).isEqualTo(bytes);
        assertThat(decode(bytes)).isEqualTo(rj);
    }

    @Test
    void pDataWithTwoPdvs() throws IOException {
        // PDV 1: context 1, command, last, 2 bytes; PDV 2: context 1, data, not last, 3 bytes.
        byte[] bytes = hex("04 00 00000011  00000004 01 03 AABB  00000005 01 00 CCDDEE");
        PDataTf p = (PDataTf) decode(bytes);
        assertThat(p.pdvs()).containsExactly(new Pdv(1, true, true, hex("AABB")), new Pdv(1, false, false,
                hex("CCDDEE")));
        assertThat(PduEncoder.encode(p)).isEqualTo(bytes);
    }

    /** A-ASSOCIATE-RQ written out byte by byte from PS3.8 §9.3.2 and Annex D. */
    @Test
    void associateRqByteByByte() throws IOException {
        String called = hex16("ANY-SCP");
        String calling = hex16("ECHOSCU");
        String body = "0001 0000" + called + calling + "00".repeat(32)
                // application context item: 21 bytes "1.2.840.10008.3.1.1.1"
                + "10 00 0015" + ascii("1.2.840.10008.3.1.1.1")
                // presentation context 1: abstract 1.2.840.10008.1.1 (17), TS 1.2.840.10008.1.2 (17)
                + "20 00 002E 01 000000" + "30 00 0011" + ascii("1.2.840.10008.1.1") + "40 00 0011"
                + ascii("1.2.840.10008.1.2")
                // user information: max length 16384; class UID "1.2.3" (5); role selection for
                // "1.2" (SCU no, SCP yes); version "V1" (2)
                + "50 00 0022" + "51 00 0004 00004000" + "52 00 0005" + ascii("1.2.3")
                + "54 00 0007 0003" + ascii("1.2") + "00 01" + "55 00 0002" + ascii("V1");
        byte[] bodyBytes = hex(body);
        byte[] bytes = concat(hex("01 00 " + String.format("%08X", bodyBytes.length)), bodyBytes);

        AAssociateRq rq = (AAssociateRq) decode(bytes);
        assertThat(rq.protocolVersion()).isEqualTo(1);
        assertThat(rq.calledAeTitle()).isEqualTo("ANY-SCP");
        assertThat(rq.callingAeTitle()).isEqualTo("ECHOSCU");
        assertThat(rq.applicationContextName()).isEqualTo(AAssociateRq.DICOM_APPLICATION_CONTEXT);
        assertThat(rq.presentationContexts()).containsExactly(
                new PresentationContextRq(1, "1.2.840.10008.1.1", List.of("1.2.840.10008.1.2")));
        UserInformation ui = rq.userInformation();
        assertThat(ui.maxPduLength()).isEqualTo(16384);
        assertThat(ui.implementationClassUid()).isEqualTo("1.2.3");
        assertThat(ui.implementationVersionName()).isEqualTo("V1");
        assertThat(ui.roleSelections()).containsExactly(new RoleSelection("1.2", false, true));
        assertThat(PduEncoder.encode(rq)).isEqualTo(bytes);
    }

    @Test
    void associateAcByteByByte() throws IOException {
        String body = "0001 0000" + hex16("ANY-SCP") + hex16("ECHOSCU") + "00".repeat(32)
                + "10 00 0015" + ascii("1.2.840.10008.3.1.1.1")
                // context 1 accepted with implicit VR LE; context 3 rejected (3) with an empty TS sub-item
                + "21 00 0019 01 00 00 00" + "40 00 0011" + ascii("1.2.840.10008.1.2")
                + "21 00 0008 03 00 03 00" + "40 00 0000"
                + "50 00 000D" + "51 00 0004 00020000" + "52 00 0001" + ascii("9");
        byte[] bodyBytes = hex(body);
        byte[] bytes = concat(hex("02 00 " + String.format("%08X", bodyBytes.length)), bodyBytes);
        AAssociateAc ac = (AAssociateAc) decode(bytes);
        assertThat(ac.presentationContexts()).containsExactly(
                new PresentationContextAc(1, 0, "1.2.840.10008.1.2"), new PresentationContextAc(3, 3, ""));
        assertThat(ac.userInformation().maxPduLength()).isEqualTo(131072);
        assertThat(ac.userInformation().implementationVersionName()).isNull();
        AAssociateAc again = new AAssociateAc(1, "ANY-SCP", "ECHOSCU", AAssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextAc(1, 0, "1.2.840.10008.1.2"), new PresentationContextAc(3, 3, null)),
                UserInformation.of(131072, "9", null));
        assertThat(PduEncoder.encode(again)).isEqualTo(bytes);
    }

    @Test
    void everyUserInformationSubItemRoundTrips() throws IOException {
        UserInformation rqInfo = new UserInformation(32768, "1.2.3.4", "ISENGARD",
                new UserInformation.AsyncOperationsWindow(3, 5),
                List.of(new RoleSelection("1.2.840.10008.5.1.4.1.1.2", false, true)),
                List.of(new ExtendedNegotiation("1.2.840.10008.5.1.4.1.2.2.1", new byte[] {1, 1, 0})),
                List.of(new CommonExtendedNegotiation("1.2.3.4.5", "1.2.840.10008.4.2",
                        List.of("1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.5.1.4.1.1.4"))),
                new UserIdentityRq(UserIdentityRq.USERNAME_AND_PASSCODE, true,
                        "alice".getBytes(StandardCharsets.UTF_8), "secret".getBytes(StandardCharsets.UTF_8)),
                null);
        AAssociateRq rq = new AAssociateRq(1, "CALLED", "CALLING", AAssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextRq(1, "1.2.840.10008.1.1", List.of("1.2.840.10008.1.2.1",
                        "1.2.840.10008.1.2")), new PresentationContextRq(3, "1.2.840.10008.5.1.4.1.1.2",
                                List.of("1.2.840.10008.1.2"))), rqInfo);
        assertThat(decode(PduEncoder.encode(rq))).isEqualTo(rq);

        UserInformation acInfo = new UserInformation(0, "1.2.3.4", null, new UserInformation.AsyncOperationsWindow(1, 1),
                List.of(new RoleSelection("1.2.840.10008.5.1.4.1.1.2", false, true)),
                List.of(new ExtendedNegotiation("1.2.840.10008.5.1.4.1.2.2.1", new byte[] {1})), List.of(), null,
                new UserIdentityAc("token".getBytes(StandardCharsets.US_ASCII)));
        AAssociateAc ac = new AAssociateAc(1, "CALLED", "CALLING", AAssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextAc(1, 0, "1.2.840.10008.1.2.1")), acInfo);
        assertThat(decode(PduEncoder.encode(ac))).isEqualTo(ac);
    }

    @Test
    void aPDataLongerThanOurMaximumIsRefusedBeforeAnyAllocation() {
        // Declares 2 GiB; only the header is there. The decoder must refuse it from the header alone.
        byte[] bytes = hex("04 00 7FFFFFF0");
        assertThatThrownBy(() -> decode(bytes)).isInstanceOf(PduException.class)
                .hasMessageContaining("more than the 16384 accepted")
                .satisfies(e -> assertThat(((PduException) e).abortReason())
                        .isEqualTo(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE));
    }

    @Test
    void anAssociateRqLongerThanTheBoundIsRefused() {
        byte[] bytes = hex("01 00 FFFFFFF0");
        assertThatThrownBy(() -> decode(bytes)).isInstanceOf(PduException.class).hasMessageContaining("declares 4294967280 bytes");
    }

    @Test
    void aLengthBeyondTheBytesPresentIsAnEndOfStreamNotAnAllocation() {
        // Declares 1 MiB (within the bound) of which 3 bytes arrive.
        byte[] bytes = hex("01 00 00100000 000100");
        assertThatThrownBy(() -> decode(bytes)).isInstanceOf(EOFException.class).hasMessageContaining("3 of 1048576");
    }

    @Test
    void unknownPduTypeAndBadItemsAreProtocolErrors() {
        assertThatThrownBy(() -> decode(hex("09 00 00000000"))).isInstanceOf(PduException.class)
                .satisfies(e -> assertThat(((PduException) e).abortReason()).isEqualTo(AAbort.REASON_UNRECOGNIZED_PDU));
        // A PDV item whose length runs past the PDU.
        assertThatThrownBy(() -> decode(hex("04 00 00000006 00000009 01 03"))).isInstanceOf(PduException.class)
                .hasMessageContaining("PDV item length 9");
        // An item inside the A-ASSOCIATE-RQ claiming more bytes than the PDU has.
        String body = "0001 0000" + hex16("A") + hex16("B") + "00".repeat(32) + "10 00 00FF 31";
        byte[] b = hex(body);
        assertThatThrownBy(() -> decode(concat(hex("01 00 " + String.format("%08X", b.length)), b)))
                .isInstanceOf(PduException.class).hasMessageContaining("item 0x10 declares 255 bytes");
    }

    @Test
    void cleanEndOfStreamIsNull() throws IOException {
        assertThat(decode(new byte[0])).isNull();
    }

    static String hex16(String ae) {
        return ascii(String.format("%-16s", ae));
    }

    static String ascii(String s) {
        return HexFormat.of().formatHex(s.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
