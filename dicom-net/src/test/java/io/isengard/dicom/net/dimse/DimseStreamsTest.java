package io.isengard.dicom.net.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isengard.dicom.net.pdu.AAssociateAc;
import io.isengard.dicom.net.pdu.AAssociateRq;
import io.isengard.dicom.net.pdu.PresentationContextAc;
import io.isengard.dicom.net.pdu.PresentationContextRq;
import io.isengard.dicom.net.pdu.Pdv;
import io.isengard.dicom.net.pdu.UserInformation;
import io.isengard.dicom.net.ul.State;
import io.isengard.dicom.net.ul.UpperLayer;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fragmentation on a real loopback connection between two upper layers of
 * ours: fragments never exceed the peer's maximum length, the last one is
 * marked and never empty, and the receiving stream reassembles the bytes.
 */
@Timeout(30)
class DimseStreamsTest {
    /** The smallest maximum length we accept to fragment for: 10 data bytes per PDV. */
    static final int MAX = 16;

    ServerSocket server;
    UpperLayer requestor;
    UpperLayer acceptor;

    @BeforeEach
    void associate() throws Exception {
        server = new ServerSocket(0);
        CompletableFuture<UpperLayer> accepted = CompletableFuture.supplyAsync(() -> {
            try {
                UpperLayer ul = new UpperLayer(server.accept(), false, "acceptor");
                ul.maxReceivedPDataLength(MAX);
                AAssociateRq rq = ul.awaitAssociateRq(Duration.ofSeconds(10));
                ul.accept(new AAssociateAc(1, rq.calledAeTitle(), rq.callingAeTitle(),
                        AAssociateRq.DICOM_APPLICATION_CONTEXT, List.of(new PresentationContextAc(1, 0,
                                "1.2.840.10008.1.2")), UserInformation.of(MAX, "1.2.3", null)));
                return ul;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        requestor = new UpperLayer(new Socket("127.0.0.1", server.getLocalPort()), true, "requestor");
        requestor.maxReceivedPDataLength(MAX);
        requestor.requestAssociation(new AAssociateRq(1, "B", "A", AAssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextRq(1, "1.2.840.10008.1.1", List.of("1.2.840.10008.1.2"))),
                UserInformation.of(MAX, "1.2.3", null)), Duration.ofSeconds(10));
        acceptor = accepted.get(10, TimeUnit.SECONDS);
        assertThat(requestor.state()).isEqualTo(State.Sta6);
        assertThat(acceptor.state()).isEqualTo(State.Sta6);
    }

    @AfterEach
    void close() throws Exception {
        requestor.abort();
        acceptor.abort();
        server.close();
    }

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 1);
        }
        return b;
    }

    private List<Integer> sendAndCollectFragmentLengths(int n) throws Exception {
        try (PDataOutputStream out = new PDataOutputStream(requestor, 1, false, MAX)) {
            out.write(bytes(n));
        }
        List<Integer> lengths = new ArrayList<>();
        for (Pdv pdv; ; ) {
            pdv = acceptor.nextPdv();
            assertThat(pdv.command()).isFalse();
            assertThat(pdv.presentationContextId()).isEqualTo(1);
            lengths.add(pdv.length());
            if (pdv.last()) {
                return lengths;
            }
        }
    }

    @Test
    void fragmentsFitTheMaximumAndOnlyTheLastIsMarked() throws Exception {
        assertThat(sendAndCollectFragmentLengths(25)).containsExactly(10, 10, 5);
        // Exactly two fragments' worth: no empty last fragment.
        assertThat(sendAndCollectFragmentLengths(20)).containsExactly(10, 10);
        assertThat(sendAndCollectFragmentLengths(3)).containsExactly(3);
    }

    @Test
    void theReceivingStreamReassemblesTheDataSet() throws Exception {
        byte[] sent = bytes(1000);
        try (PDataOutputStream out = new PDataOutputStream(requestor, 1, false, MAX)) {
            for (int i = 0; i < sent.length; i += 33) {
                out.write(sent, i, Math.min(33, sent.length - i));
            }
        }
        PdvInputStream in = new PdvInputStream(acceptor, 1, null);
        assertThat(in.readAllBytes()).isEqualTo(sent);
        assertThat(in.ended()).isTrue();
    }

    @Test
    void aCommandFragmentInsideADataSetIsAProtocolError() throws Exception {
        try (PDataOutputStream data = new PDataOutputStream(requestor, 1, false, MAX)) {
            data.write(bytes(15)); // the first fragment (10 bytes, not last) leaves now
            try (PDataOutputStream command = new PDataOutputStream(requestor, 1, true, MAX)) {
                command.write(bytes(4));
            }
        } catch (java.io.IOException expectedAfterTheAbort) {
            // the acceptor may abort before the last data fragment goes
        }
        PdvInputStream in = new PdvInputStream(acceptor, 1, null);
        assertThatThrownBy(in::readAllBytes).isInstanceOf(DimseException.class)
                .hasMessageContaining("expected a data set fragment");
    }
}
