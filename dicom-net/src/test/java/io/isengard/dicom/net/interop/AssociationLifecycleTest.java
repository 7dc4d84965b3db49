package io.isengard.dicom.net.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isengard.dicom.net.AssociationRejectedException;
import io.isengard.dicom.net.DicomServer;
import io.isengard.dicom.net.Handlers;
import io.isengard.dicom.net.PresentationContexts;
import io.isengard.dicom.net.Scu;
import io.isengard.dicom.net.ServiceHandlers;
import io.isengard.dicom.net.assoc.Negotiation;
import io.isengard.dicom.net.dimse.Command;
import io.isengard.dicom.net.dimse.CommandField;
import io.isengard.dicom.net.dimse.Status;
import io.isengard.dicom.net.pdu.AAbort;
import io.isengard.dicom.net.pdu.AAssociateAc;
import io.isengard.dicom.net.pdu.AAssociateRj;
import io.isengard.dicom.net.pdu.AAssociateRq;
import io.isengard.dicom.net.pdu.PDataTf;
import io.isengard.dicom.net.pdu.Pdu;
import io.isengard.dicom.net.pdu.PduDecoder;
import io.isengard.dicom.net.pdu.PduEncoder;
import io.isengard.dicom.net.pdu.Pdv;
import io.isengard.dicom.net.pdu.PresentationContextAc;
import io.isengard.dicom.net.pdu.PresentationContextRq;
import io.isengard.dicom.net.pdu.UserInformation;
import io.isengard.dicom.net.testing.Dcmtk;
import io.isengard.dicom.net.testing.Samples;
import io.isengard.dicom.net.testing.TestScp;
import io.isengard.dicom.net.ul.AssociationAbortedException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Abort, rejection, timeouts and protocol errors, with a raw socket (our
 * PDU codec) or DCMTK on the other side. Timeouts are set to a second; the
 * tests check what happens, never how long it took.
 */
@Timeout(60)
class AssociationLifecycleTest {
    static final String VERIFICATION = PresentationContexts.VERIFICATION;

    static AAssociateRq echoRq(String called) {
        return new AAssociateRq(1, called, "RAWSCU", AAssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextRq(1, VERIFICATION, List.of("1.2.840.10008.1.2"))),
                UserInformation.of(16384, "1.2.3", null));
    }

    static DicomServer server(ServiceHandlers handlers, Duration scpTimeout) throws IOException {
        return DicomServer.start(DicomServer.Config.of(0, TestScp.policy(), handlers)
                .withTimeouts(scpTimeout, Duration.ofSeconds(1)));
    }

    /** Reads PDUs until the peer closes; returns the last one (null if none came). */
    static Pdu lastPduBeforeClose(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        Pdu last = null;
        try {
            for (Pdu p; (p = PduDecoder.read(in, 1 << 20)) != null; ) {
                last = p;
            }
        } catch (IOException e) {
            // a reset is a close too
        }
        return last;
    }

    interface PeerScript {
        void run() throws Exception;
    }

    /** Runs the raw peer's side; its assertion failures fail the test through {@code get}. */
    static CompletableFuture<Void> peer(PeerScript script) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                script.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done;
    }

    @Test
    void anIdleAssociationIsAbortedAfterDicomScpTimeout() throws Exception {
        try (DicomServer server = server(ServiceHandlers.echoOnly(), Duration.ofSeconds(1));
                Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(PduEncoder.encode(echoRq(TestScp.AE)));
            assertThat(PduDecoder.read(s.getInputStream(), 1 << 20)).isInstanceOf(AAssociateAc.class);
            // We send nothing more: the server gives up and says so with an A-ABORT.
            assertThat(lastPduBeforeClose(s)).isEqualTo(AAbort.byServiceUser());
        }
    }

    @Test
    void aConnectionWithoutAssociateRqIsClosedWhenArtimExpires() throws Exception {
        try (DicomServer server = server(ServiceHandlers.echoOnly(), Duration.ofSeconds(30));
                Socket s = new Socket("127.0.0.1", server.port())) {
            assertThat(s.getInputStream().read()).as("the server closed the connection").isEqualTo(-1);
        }
    }

    @Test
    void anUnrecognizedPduIsAnsweredByAProviderAbort() throws Exception {
        try (DicomServer server = server(ServiceHandlers.echoOnly(), Duration.ofSeconds(30));
                Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(PduEncoder.encode(echoRq(TestScp.AE)));
            assertThat(PduDecoder.read(s.getInputStream(), 1 << 20)).isInstanceOf(AAssociateAc.class);
            s.getOutputStream().write(new byte[] {0x09, 0, 0, 0, 0, 0});
            assertThat(lastPduBeforeClose(s))
                    .isEqualTo(AAbort.byServiceProvider(AAbort.REASON_UNRECOGNIZED_PDU));
        }
    }

    @Test
    void rejectionByTheAeTitleCheckReachesBothDcmtkAndOurScu() throws Exception {
        DicomServer.Config config = DicomServer.Config.of(0, TestScp.policy().withCheck((rq, peer) ->
                rq.calledAeTitle().equals(TestScp.AE) ? null : Negotiation.calledAeTitleNotRecognized()),
                ServiceHandlers.echoOnly());
        try (DicomServer server = DicomServer.start(config)) {
            Dcmtk.Result r = Dcmtk.run(30, "echoscu", "-aec", "SOMEONE", "127.0.0.1", Integer.toString(server.port()));
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.output()).contains("Called AE Title Not Recognized");
            assertThatThrownBy(() -> Scu.open(Scu.Parameters.of("127.0.0.1", server.port(), "ME", "SOMEONE",
                    new PresentationContexts().add(VERIFICATION))))
                    .isInstanceOf(AssociationRejectedException.class)
                    .satisfies(e -> assertThat(((AssociationRejectedException) e).rejection())
                            .isEqualTo(Negotiation.calledAeTitleNotRecognized()));
            try (Scu ok = Scu.open(Scu.Parameters.of("127.0.0.1", server.port(), "ME", TestScp.AE,
                    new PresentationContexts().add(VERIFICATION)))) {
                assertThat(ok.echo()).isEqualTo(Status.SUCCESS);
            }
        }
    }

    @Test
    void userIdentityReachesTheAssociationCheck() throws Exception {
        DicomServer.Config config = DicomServer.Config.of(0, TestScp.policy().withCheck((rq, peer) -> {
            var identity = rq.userInformation().userIdentityRq();
            boolean alice = identity != null && new String(identity.primaryField(),
                    java.nio.charset.StandardCharsets.UTF_8).equals("alice");
            return alice ? null : Negotiation.callingAeTitleNotRecognized();
        }), ServiceHandlers.echoOnly());
        try (DicomServer server = DicomServer.start(config)) {
            Dcmtk.Result r = Dcmtk.run(30, "storescu", "-v", "-aec", TestScp.AE, "-usr", "alice", "-pwd", "pw",
                    "127.0.0.1", Integer.toString(server.port()), Samples.get("ColorTestMalaterre.dcm").toString());
            // Accepted (no store handler here: the C-STORE itself then aborts the association).
            assertThat(r.output()).contains("Association Accepted");
            try (Scu scu = Scu.open(Scu.Parameters.of("127.0.0.1", server.port(), "ME", TestScp.AE,
                    new PresentationContexts().add(VERIFICATION)).withUserIdentity(
                            new io.isengard.dicom.net.pdu.UserIdentityRq(1, false, "alice".getBytes(), new byte[0])))) {
                assertThat(scu.echo()).isEqualTo(Status.SUCCESS);
            }
            assertThatThrownBy(() -> Scu.open(Scu.Parameters.of("127.0.0.1", server.port(), "ME", TestScp.AE,
                    new PresentationContexts().add(VERIFICATION)).withUserIdentity(
                            new io.isengard.dicom.net.pdu.UserIdentityRq(1, false, "bob".getBytes(), new byte[0]))))
                    .isInstanceOf(AssociationRejectedException.class);
        }
    }

    @Test
    void associationsBeyondTheCapAreRejectedTransiently() throws Exception {
        DicomServer.Config config = DicomServer.Config.of(0, TestScp.policy(), ServiceHandlers.echoOnly())
                .withMaxAssociations(1);
        try (DicomServer server = DicomServer.start(config);
                Scu first = Scu.open(Scu.Parameters.of("127.0.0.1", server.port(), "ME", TestScp.AE,
                        new PresentationContexts().add(VERIFICATION)))) {
            assertThatThrownBy(() -> Scu.open(Scu.Parameters.of("127.0.0.1", server.port(), "ME", TestScp.AE,
                    new PresentationContexts().add(VERIFICATION))))
                    .isInstanceOf(AssociationRejectedException.class)
                    .satisfies(e -> assertThat(((AssociationRejectedException) e).rejection())
                            .isEqualTo(new AAssociateRj(2, 3, 2)));
            assertThat(first.echo()).isEqualTo(Status.SUCCESS);
        }
    }

    @Test
    void associationsBeyondTheConcurrencyWaitForASlot() throws Exception {
        DicomServer.Config config = DicomServer.Config.of(0, TestScp.policy(), ServiceHandlers.echoOnly())
                .withConcurrentAssociations(1);
        try (DicomServer server = DicomServer.start(config)) {
            Scu first = Scu.open(Scu.Parameters.of("127.0.0.1", server.port(), "FIRST", TestScp.AE,
                    new PresentationContexts().add(VERIFICATION)));
            CompletableFuture<Integer> second = peer(() -> { }).thenApplyAsync(v -> {
                try (Scu scu = Scu.open(Scu.Parameters.of("127.0.0.1", server.port(), "SECOND", TestScp.AE,
                        new PresentationContexts().add(VERIFICATION)))) {
                    return scu.echo();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            while (server.waitingAssociations() == 0) {
                Thread.sleep(10); // until the second connection is queued (the test's timeout bounds this)
            }
            assertThat(second).as("the second association waits while the first is served").isNotDone();
            assertThat(first.echo()).isEqualTo(Status.SUCCESS);
            first.release();
            assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(Status.SUCCESS);
        }
    }

    @Test
    void aHandlerRefusingARequestAbortsTheAssociation() throws Exception {
        ServiceHandlers refusing = ServiceHandlers.echoOnly().withStore(request -> {
            throw new Handlers.AbortAssociation("C-STORE not allowed for " + request.association().callingAeTitle());
        });
        try (DicomServer server = server(refusing, Duration.ofSeconds(30))) {
            // DCMTK sees the abort. A small instance (one PDU), so that storescu has sent it all and reads
            // our A-ABORT rather than writing into a closed connection.
            Dcmtk.Result r = Dcmtk.run(30, "storescu", "-aec", TestScp.AE, "127.0.0.1",
                    Integer.toString(server.port()), Samples.get("ColorTestMalaterre.dcm").toString());
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.output()).contains("Peer aborted Association");
            // ...and so does our SCU.
            Scu scu = Scu.open(Scu.Parameters.of("127.0.0.1", server.port(), "ME", TestScp.AE,
                    new PresentationContexts().storage("1.2.840.10008.5.1.4.1.1.4", "1.2.840.10008.1.2.1")));
            assertThatThrownBy(() -> scu.store(Samples.get("Brainix/Epi/IM-0001-0001.dcm")))
                    .isInstanceOf(AssociationAbortedException.class);
            assertThat(scu.association().isOpen()).isFalse();
        }
    }

    @Test
    void aServiceNotOfferedAbortsTheAssociation() throws Exception {
        try (DicomServer server = server(ServiceHandlers.echoOnly(), Duration.ofSeconds(30))) {
            Dcmtk.Result r = Dcmtk.run(30, "findscu", "-S", "-aec", TestScp.AE, "-k", "QueryRetrieveLevel=STUDY",
                    "127.0.0.1", Integer.toString(server.port()));
            assertThat(r.output()).contains("Peer aborted Association");
        }
    }

    @Test
    void ourScuAbortsWhenThePeerDoesNotAnswerWithinDicomScuTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            CompletableFuture<Void> peer = peer(() -> {
                try (Socket s = silent.accept()) {
                    AAssociateRq rq = (AAssociateRq) PduDecoder.read(s.getInputStream(), 1 << 20);
                    s.getOutputStream().write(PduEncoder.encode(new AAssociateAc(1, rq.calledAeTitle(),
                            rq.callingAeTitle(), AAssociateRq.DICOM_APPLICATION_CONTEXT,
                            List.of(new PresentationContextAc(1, 0, "1.2.840.10008.1.2")),
                            UserInformation.of(16384, "1.2.3", null))));
                    // The C-ECHO-RQ arrives and is never answered; then the SCU's A-ABORT.
                    assertThat(lastPduBeforeClose(s)).isEqualTo(AAbort.byServiceUser());
                }
            });
            Scu scu = Scu.open(Scu.Parameters.of("127.0.0.1", silent.getLocalPort(), "ME", "SILENT",
                    new PresentationContexts().add(VERIFICATION, List.of("1.2.840.10008.1.2")))
                    .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(5)));
            assertThatThrownBy(scu::echo).isInstanceOf(AssociationAbortedException.class);
            assertThat(scu.failure()).hasMessageContaining("DicomScuTimeout");
            peer.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void ourScuGivesUpWhenNoAssociateAcArrivesWithinArtim() throws Exception {
        try (ServerSocket mute = new ServerSocket(0)) {
            CompletableFuture<Void> peer = peer(() -> {
                try (Socket s = mute.accept()) {
                    lastPduBeforeClose(s);
                } catch (IOException e) {
                    // the SCU closed
                }
            });
            assertThatThrownBy(() -> Scu.open(Scu.Parameters.of("127.0.0.1", mute.getLocalPort(), "ME", "MUTE",
                    new PresentationContexts().add(VERIFICATION)).withTimeouts(Duration.ofSeconds(5),
                            Duration.ofSeconds(1))))
                    .isInstanceOf(AssociationAbortedException.class).hasMessageContaining("ARTIM");
            peer.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aReleaseCollisionOnTheRequestorSideEndsInAnOrderlyRelease() throws Exception {
        try (ServerSocket peer = new ServerSocket(0)) {
            CompletableFuture<Void> acceptor = peer(() -> {
                try (Socket s = peer.accept()) {
                    AAssociateRq rq = (AAssociateRq) PduDecoder.read(s.getInputStream(), 1 << 20);
                    s.getOutputStream().write(PduEncoder.encode(new AAssociateAc(1, rq.calledAeTitle(),
                            rq.callingAeTitle(), AAssociateRq.DICOM_APPLICATION_CONTEXT,
                            List.of(new PresentationContextAc(1, 0, "1.2.840.10008.1.2")),
                            UserInformation.of(16384, "1.2.3", null))));
                    assertThat(PduDecoder.read(s.getInputStream(), 1 << 20))
                            .isEqualTo(new io.isengard.dicom.net.pdu.AReleaseRq());
                    // Instead of answering, this side asks for a release too: a collision.
                    s.getOutputStream().write(PduEncoder.encode(new io.isengard.dicom.net.pdu.AReleaseRq()));
                    // The requestor answers ours first (AR-9), then we answer theirs (its AR-3).
                    assertThat(PduDecoder.read(s.getInputStream(), 1 << 20))
                            .isEqualTo(new io.isengard.dicom.net.pdu.AReleaseRp());
                    s.getOutputStream().write(PduEncoder.encode(new io.isengard.dicom.net.pdu.AReleaseRp()));
                    assertThat(s.getInputStream().read()).as("the requestor closed").isEqualTo(-1);
                }
            });
            Scu scu = Scu.open(Scu.Parameters.of("127.0.0.1", peer.getLocalPort(), "ME", "PEER",
                    new PresentationContexts().add(VERIFICATION, List.of("1.2.840.10008.1.2"))));
            scu.release();
            assertThat(scu.failure()).isNull();
            assertThat(scu.association().upperLayer().state()).isEqualTo(io.isengard.dicom.net.ul.State.Sta1);
            acceptor.get(30, TimeUnit.SECONDS);
        }
    }

    /** A store handler that reads the whole data set and reports what happened to {@code seen}. */
    static ServiceHandlers reportingStore(CompletableFuture<byte[]> seen) {
        return ServiceHandlers.echoOnly().withStore(request -> {
            try {
                seen.complete(request.dataSet().readAllBytes());
            } catch (IOException e) {
                seen.completeExceptionally(e);
                throw e;
            }
            return Status.SUCCESS;
        });
    }

    /** Associates on a raw socket and sends a C-STORE-RQ and the first, not last, fragment of its data set. */
    static void beginStore(Socket s) throws IOException {
        String ct = "1.2.840.10008.5.1.4.1.1.2";
        AAssociateRq rq = new AAssociateRq(1, TestScp.AE, "RAWSCU", AAssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextRq(1, ct, List.of("1.2.840.10008.1.2"))),
                UserInformation.of(16384, "1.2.3", null));
        s.getOutputStream().write(PduEncoder.encode(rq));
        AAssociateAc ac = (AAssociateAc) PduDecoder.read(s.getInputStream(), 1 << 20);
        assertThat(ac.presentationContext(1).accepted()).isTrue();
        Command store = Command.of(CommandField.C_STORE_RQ).withDataSet(true);
        store.putUS(Command.MessageID, 1);
        store.putString(Command.AffectedSOPClassUID, ct);
        store.putString(Command.AffectedSOPInstanceUID, "1.2.3.4");
        s.getOutputStream().write(PduEncoder.encode(new PDataTf(List.of(new Pdv(1, true, true, store.encode())))));
        s.getOutputStream().write(PduEncoder.encode(new PDataTf(List.of(
                new Pdv(1, false, false, new byte[] {0x08, 0, 0x16, 0, 2, 0, 0, 0})))));
    }

    @Test
    void anAbortInTheMiddleOfADataSetReachesTheStoreHandlerAsAnError() throws Exception {
        CompletableFuture<byte[]> seenByHandler = new CompletableFuture<>();
        try (DicomServer server = server(reportingStore(seenByHandler), Duration.ofSeconds(30));
                Socket s = new Socket("127.0.0.1", server.port())) {
            beginStore(s);
            s.getOutputStream().write(PduEncoder.encode(AAbort.byServiceUser()));
            assertThatThrownBy(() -> seenByHandler.get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(AssociationAbortedException.class);
            assertThat(lastPduBeforeClose(s)).as("no C-STORE-RSP: the server just closes").isNull();
        }
    }

    @Test
    void aDataSetThatStopsArrivingIsAbortedAfterDicomScpTimeout() throws Exception {
        CompletableFuture<byte[]> seenByHandler = new CompletableFuture<>();
        try (DicomServer server = server(reportingStore(seenByHandler), Duration.ofSeconds(1));
                Socket s = new Socket("127.0.0.1", server.port())) {
            beginStore(s);
            // Nothing more is sent: the handler's stream fails, and the server aborts.
            assertThatThrownBy(() -> seenByHandler.get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(AssociationAbortedException.class)
                    .hasMessageContaining("DIMSE timeout");
            assertThat(lastPduBeforeClose(s)).isEqualTo(AAbort.byServiceUser());
        }
    }

    @Test
    void aReleaseFromOurScuIsAnsweredAndTheServerStaysUp() throws Exception {
        try (DicomServer server = server(ServiceHandlers.echoOnly(), Duration.ofSeconds(30))) {
            for (int i = 0; i < 3; i++) {
                Scu scu = Scu.open(Scu.Parameters.of("127.0.0.1", server.port(), "ME", TestScp.AE,
                        new PresentationContexts().add(VERIFICATION)));
                assertThat(scu.echo()).isEqualTo(Status.SUCCESS);
                scu.release();
                assertThat(scu.failure()).isNull();
                assertThat(scu.association().isOpen()).isFalse();
            }
        }
    }
}
