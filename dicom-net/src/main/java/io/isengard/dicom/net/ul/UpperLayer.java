package io.isengard.dicom.net.ul;

import io.isengard.dicom.net.pdu.AAbort;
import io.isengard.dicom.net.pdu.AAssociateAc;
import io.isengard.dicom.net.pdu.AAssociateRj;
import io.isengard.dicom.net.pdu.AAssociateRq;
import io.isengard.dicom.net.pdu.AReleaseRp;
import io.isengard.dicom.net.pdu.AReleaseRq;
import io.isengard.dicom.net.pdu.PDataTf;
import io.isengard.dicom.net.pdu.Pdu;
import io.isengard.dicom.net.pdu.PduDecoder;
import io.isengard.dicom.net.pdu.PduEncoder;
import io.isengard.dicom.net.pdu.PduException;
import io.isengard.dicom.net.pdu.Pdv;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DICOM upper layer of one transport connection: PDUs in and out, every
 * one through the {@link StateMachine}, ARTIM, release and abort. One
 * thread reads ({@link #nextPdv}); any thread may send (sends are
 * serialised by a lock).
 */
public final class UpperLayer {
    private static final Logger LOG = LoggerFactory.getLogger(UpperLayer.class);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final StateMachine machine;
    private final String name;
    private final ReentrantLock sendLock = new ReentrantLock();
    private final CompletableFuture<Void> released = new CompletableFuture<>();
    private volatile long maxReceivedPDataLength;
    private Iterator<Pdv> pdvs;
    private volatile boolean closed;

    /**
     * @param requestor true on the association-requestor side
     * @param name for logs: names the association
     */
    public UpperLayer(Socket socket, boolean requestor, String name) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = socket.getOutputStream();
        this.machine = new StateMachine(requestor);
        this.name = name;
    }

    public State state() {
        return machine.state();
    }

    public Socket socket() {
        return socket;
    }

    /** Our Maximum Length Received: P-DATA-TF PDUs longer than this are a protocol error. */
    public void maxReceivedPDataLength(long length) {
        this.maxReceivedPDataLength = length;
    }

    // ---- association establishment, requestor side

    /**
     * Sends the A-ASSOCIATE-RQ on the connected socket and waits at most
     * {@code artim} for the answer: the A-ASSOCIATE-AC or -RJ PDU.
     */
    public Pdu requestAssociation(AAssociateRq rq, Duration artim) throws IOException {
        machine.fire(Event.Evt1); // AE-1: the caller connected the socket
        machine.fire(Event.Evt2); // AE-2
        send(rq);
        Pdu answer = readControl(artim, "the A-ASSOCIATE-AC or -RJ");
        Action a = fireReceived(answer);
        switch (a) {
            case AE_3 -> { return answer; }
            case AE_4 -> {
                closeSocket();
                return answer;
            }
            default -> throw abortedBy(answer, a);
        }
    }

    // ---- association establishment, acceptor side

    /** Waits at most {@code artim} for the A-ASSOCIATE-RQ (Sta2). */
    public AAssociateRq awaitAssociateRq(Duration artim) throws IOException {
        machine.fire(Event.Evt5); // AE-5: start ARTIM
        Pdu pdu = readControl(artim, "the A-ASSOCIATE-RQ");
        Action a = fireReceived(pdu);
        if (a == Action.AE_6) {
            return (AAssociateRq) pdu;
        }
        throw abortedBy(pdu, a);
    }

    /** Evt7/AE-7: sends the A-ASSOCIATE-AC; the association is established (Sta6). */
    public void accept(AAssociateAc ac) throws IOException {
        machine.fire(Event.Evt7);
        send(ac);
    }

    /** Evt8/AE-8: sends the A-ASSOCIATE-RJ, then waits up to ARTIM for the peer to close. */
    public void reject(AAssociateRj rj, Duration artim) throws IOException {
        machine.fire(Event.Evt8);
        send(rj);
        awaitClose(artim);
    }

    // ---- data transfer

    /**
     * The next PDV received, reading PDUs as needed; null once the association
     * is released (an A-RELEASE-RQ answered, or the A-RELEASE-RP to ours).
     *
     * @throws AssociationAbortedException on A-ABORT, connection loss or a protocol error (we abort)
     * @throws SocketTimeoutException when nothing arrived within the socket timeout (state unchanged)
     */
    public Pdv nextPdv() throws IOException {
        while (pdvs == null || !pdvs.hasNext()) {
            pdvs = null;
            Pdu pdu;
            try {
                pdu = PduDecoder.read(in, maxReceivedPDataLength);
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (PduException e) {
                abortForProtocolError(e.abortReason(), e.getMessage());
                throw new AssociationAbortedException(name + ": " + e.getMessage(), e);
            } catch (IOException e) {
                connectionClosed();
                throw new AssociationAbortedException(name + ": connection lost: " + e.getMessage(), e);
            }
            if (pdu == null) {
                connectionClosed();
                throw new AssociationAbortedException(name + ": the peer closed the connection without releasing");
            }
            Action a = fireReceived(pdu);
            switch (a) {
                case DT_2, AR_6 -> pdvs = ((PDataTf) pdu).pdvs().iterator();
                case AR_2 -> {
                    // A-RELEASE indication: we have nothing left to say, so answer at once (Evt14, AR-4).
                    machine.fire(Event.Evt14);
                    send(new AReleaseRp());
                    LOG.debug("{}: released by the peer", name);
                    released.complete(null);
                    awaitClose(Duration.ofSeconds(5));
                    return null;
                }
                case AR_3 -> {
                    closeSocket();
                    released.complete(null);
                    return null;
                }
                case AR_8 -> {
                    // Release collision (PS3.8 §9.2.6): the requestor answers the peer's request first (Sta9,
                    // AR-9) and then waits for the answer to its own; the acceptor waits first (Sta10).
                    if (machine.state() == State.Sta9) {
                        machine.fire(Event.Evt14);
                        send(new AReleaseRp());
                    }
                }
                case AR_10 -> {
                    machine.fire(Event.Evt14);
                    send(new AReleaseRp());
                    released.complete(null);
                    awaitClose(Duration.ofSeconds(5));
                    return null;
                }
                default -> throw abortedBy(pdu, a);
            }
        }
        return pdvs.next();
    }

    /**
     * Sends one P-DATA-TF whose bytes (header included) are {@code pdu[0..length)}:
     * the caller builds it in place so that a fragment is written with one system call.
     */
    public void sendPData(byte[] pdu, int length) throws IOException {
        sendLock.lock();
        try {
            Action a = machine.fire(Event.Evt9);
            if (a != Action.DT_1 && a != Action.AR_7) {
                throw new IllegalStateException(a.label());
            }
            out.write(pdu, 0, length);
            out.flush();
        } catch (IllegalStateException e) {
            throw new AssociationAbortedException(name + ": cannot send data in state " + machine.state(), e);
        } catch (IOException e) {
            // Typically the reader saw an A-ABORT and closed the socket while this thread was sending.
            closeSocket();
            throw new AssociationAbortedException(name + ": the association ended while sending: " + e.getMessage(),
                    e);
        } finally {
            sendLock.unlock();
        }
    }

    /** The lock that keeps the fragments of one message together. */
    public ReentrantLock sendLock() {
        return sendLock;
    }

    /** Evt11/AR-1: sends A-RELEASE-RQ; the reading thread sees the A-RELEASE-RP. Waits up to {@code timeout}. */
    public void release(Duration timeout) throws IOException {
        sendLock.lock();
        try {
            machine.fire(Event.Evt11);
            send(new AReleaseRq());
        } catch (IllegalStateException e) {
            throw new AssociationAbortedException(name + ": cannot release in state " + machine.state(), e);
        } finally {
            sendLock.unlock();
        }
        try {
            released.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            abort();
            throw new AssociationAbortedException(name + ": no A-RELEASE-RP within " + timeout + "; aborted");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
            throw new AssociationAbortedException(name + ": interrupted while releasing");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssociationAbortedException(name + ": release failed", e.getCause());
        }
    }

    /** Completed when the association is released (either side). */
    public CompletableFuture<Void> released() {
        return released;
    }

    /** Evt15/AA-1 (or AA-2 before the connection is up): sends A-ABORT (service user) and closes. */
    public void abort() {
        if (closed) {
            return;
        }
        try {
            Action a = machine.fire(Event.Evt15);
            if (a == Action.AA_1) {
                sendQuietly(AAbort.byServiceUser());
            }
        } catch (IllegalStateException e) {
            // already idle or closing
        }
        closeSocket();
        released.completeExceptionally(new AssociationAbortedException(name + ": aborted"));
    }

    /** AA-8: A-ABORT with the service provider as source, for a protocol error. */
    public void abortForProtocolError(int reason, String why) {
        LOG.warn("{}: aborting the association: {}", name, why);
        try {
            machine.fire(Event.Evt19);
        } catch (IllegalStateException e) {
            // not in a state where the table expects it: we close anyway
        }
        sendQuietly(AAbort.byServiceProvider(reason));
        closeSocket();
        released.completeExceptionally(new AssociationAbortedException(name + ": " + why));
    }

    public boolean isClosed() {
        return closed;
    }

    public void closeSocket() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    // ---- internals

    private Pdu readControl(Duration artim, String what) throws IOException {
        int before = socket.getSoTimeout();
        socket.setSoTimeout((int) Math.max(1, artim.toMillis()));
        try {
            Pdu pdu = PduDecoder.read(in, maxReceivedPDataLength);
            if (pdu == null) {
                connectionClosed();
                throw new AssociationAbortedException(name + ": the connection closed while waiting for " + what);
            }
            return pdu;
        } catch (SocketTimeoutException e) {
            machineArtimExpired();
            throw new AssociationAbortedException(name + ": no " + what + " within " + artim.toMillis()
                    + " ms (ARTIM)", e);
        } catch (PduException e) {
            abortForProtocolError(e.abortReason(), e.getMessage());
            throw new AssociationAbortedException(name + ": " + e.getMessage(), e);
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(before);
            }
        }
    }

    private void machineArtimExpired() {
        try {
            Action a = machine.fire(Event.Evt18);
            LOG.debug("{}: ARTIM expired: {}", name, a.label());
        } catch (IllegalStateException e) {
            // the requestor's wait for the A-ASSOCIATE-AC: PS3.8 §9.1.5 lets it abort
            sendQuietly(AAbort.byServiceUser());
        }
        closeSocket();
    }

    private Action fireReceived(Pdu pdu) throws AssociationAbortedException {
        try {
            return machine.fire(StateMachine.received(pdu));
        } catch (IllegalStateException e) {
            abortForProtocolError(AAbort.REASON_UNEXPECTED_PDU, "unexpected " + pdu + ": " + e.getMessage());
            throw new AssociationAbortedException(name + ": unexpected " + pdu, e);
        }
    }

    /** What an action other than the expected ones means: the association is gone. */
    private AssociationAbortedException abortedBy(Pdu pdu, Action a) {
        switch (a) {
            case AA_1 -> {
                sendQuietly(AAbort.byServiceUser());
                closeSocket();
            }
            case AA_8, AA_7 -> {
                sendQuietly(AAbort.byServiceProvider(AAbort.REASON_UNEXPECTED_PDU));
                closeSocket();
            }
            default -> closeSocket(); // AA-2, AA-3, AA-6...: close
        }
        String message = pdu instanceof AAbort abort ? name + ": the peer aborted the association (" + abort + ")"
                : name + ": " + pdu + " in the wrong state; " + a.label() + " (" + a.description() + ")";
        released.completeExceptionally(new AssociationAbortedException(message));
        return new AssociationAbortedException(message);
    }

    private void connectionClosed() {
        try {
            machine.fire(Event.Evt17);
        } catch (IllegalStateException e) {
            // already idle
        }
        closeSocket();
        released.completeExceptionally(new AssociationAbortedException(name + ": connection closed"));
    }

    /** Sta13: wait for the peer to close (Evt17, AR-5) or ARTIM (Evt18, AA-2), then close. */
    private void awaitClose(Duration artim) {
        try {
            socket.setSoTimeout((int) Math.max(1, artim.toMillis()));
            while (in.read() >= 0) {
                // PDUs after the end are ignored (AA-6)
            }
        } catch (IOException e) {
            // timeout or reset: close either way
        }
        closeSocket();
    }

    private void send(Pdu pdu) throws IOException {
        sendLock.lock();
        try {
            PduEncoder.write(out, pdu);
            out.flush();
        } finally {
            sendLock.unlock();
        }
    }

    private void sendQuietly(Pdu pdu) {
        if (closed) {
            return;
        }
        try {
            if (sendLock.tryLock(1, TimeUnit.SECONDS)) {
                try {
                    PduEncoder.write(out, pdu);
                    out.flush();
                } finally {
                    sendLock.unlock();
                }
            }
        } catch (IOException | InterruptedException e) {
            // the connection is going away anyway
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
