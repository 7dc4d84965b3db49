package io.isengard.dicom.net.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Command sets against hand-checked bytes (PS3.7 §E.1: implicit VR little endian, group length first). */
class CommandTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s+", ""));
    }

    static final byte[] C_ECHO_RQ = hex("""
            00000000 04000000 38000000
            00000200 12000000""" + HexFormat.of().formatHex("1.2.840.10008.1.1".getBytes(StandardCharsets.US_ASCII))
            + """
            00
            00000001 02000000 3000
            00001001 02000000 0100
            00000008 02000000 0101
            """);

    @Test
    void cEchoRqEncodesAsWrittenOut() {
        Command rq = Command.of(CommandField.C_ECHO_RQ);
        rq.putUS(Command.MessageID, 1);
        rq.putString(Command.AffectedSOPClassUID, "1.2.840.10008.1.1");
        assertThat(rq.encode()).isEqualTo(C_ECHO_RQ);
    }

    @Test
    void cEchoRqDecodes() throws DimseException {
        Command rq = Command.decode(C_ECHO_RQ, C_ECHO_RQ.length);
        assertThat(rq.commandField()).isEqualTo(CommandField.C_ECHO_RQ);
        assertThat(rq.messageId()).isEqualTo(1);
        assertThat(rq.string(Command.AffectedSOPClassUID)).isEqualTo("1.2.840.10008.1.1");
        assertThat(rq.hasDataSet()).isFalse();
        assertThat(rq.getInt(Command.CommandGroupLength, -1)).isEqualTo(56);
    }

    @Test
    void responsesEchoTheRequest() {
        Command rq = Command.of(CommandField.C_STORE_RQ).withDataSet(true);
        rq.putUS(Command.MessageID, 7);
        rq.putString(Command.AffectedSOPClassUID, "1.2.840.10008.5.1.4.1.1.2");
        rq.putString(Command.AffectedSOPInstanceUID, "1.2.3");
        Command rsp = Command.responseTo(rq, Status.SUCCESS);
        assertThat(rsp.commandField()).isEqualTo(CommandField.C_STORE_RSP);
        assertThat(rsp.messageIdBeingRespondedTo()).isEqualTo(7);
        assertThat(rsp.string(Command.AffectedSOPInstanceUID)).isEqualTo("1.2.3");
        assertThat(rsp.status()).isZero();
        assertThat(rsp.hasDataSet()).isFalse();
        assertThat(rq.hasDataSet()).isTrue();
    }

    @Test
    void malformedCommandSetsAreRefused() {
        assertThatThrownBy(() -> Command.decode(hex("08000000 00000000"), 8)).isInstanceOf(DimseException.class)
                .hasMessageContaining("not in group 0000");
        assertThatThrownBy(() -> Command.decode(hex("00000001 FF000000 3000"), 10))
                .isInstanceOf(DimseException.class).hasMessageContaining("declares 255 bytes");
        assertThatThrownBy(() -> Command.decode(hex("00001001 02000000 0100"), 10))
                .isInstanceOf(DimseException.class).hasMessageContaining("without Command Field");
    }
}
