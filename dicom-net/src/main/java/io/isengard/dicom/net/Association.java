package io.isengard.dicom.net;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.TransferSyntax;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.DicomWriter;
import io.isengard.dicom.io.ReadOptions;
import io.isengard.dicom.net.dimse.Command;
import io.isengard.dicom.net.dimse.CommandField;
import io.isengard.dicom.net.dimse.DimseException;
import io.isengard.dicom.net.dimse.PDataOutputStream;
import io.isengard.dicom.net.dimse.PdvInputStream;
import io.isengard.dicom.net.dimse.Status;
import io.isengard.dicom.net.pdu.AAbort;
import io.isengard.dicom.net.pdu.AAssociateAc;
import io.isengard.dicom.net.pdu.AAssociateRq;
import io.isengard.dicom.net.pdu.PresentationContextAc;
import io.isengard.dicom.net.pdu.PresentationContextRq;
import io.isengard.dicom.net.pdu.Pdv;
import io.isengard.dicom.net.ul.AssociationAbortedException;
import io.isengard.dicom.net.ul.UpperLayer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An established association, on either side: DIMSE messages over the
 * {@link UpperLayer}. One reader thread ({@link #run}) assembles incoming
 * messages and dispatches them: requests to the {@link ServiceHandlers}
 * (C-STORE on the reader thread with its data set streaming from the
 * socket; C-FIND/C-MOVE/C-GET on their own virtual threads so that C-CANCEL
 * and sub-operation responses keep flowing), responses to the thread
 * waiting for them. Any thread may send; a message's fragments are sent
 * under one lock.
 */
public final class Association {
    private static final Logger LOG = LoggerFactory.getLogger(Association.class);
    /** Bound for the P-DATA fragments we send when the peer announced "unlimited" (0). */
    private static final int UNLIMITED_PDATA_FRAGMENT = 64 * 1024;

    private final UpperLayer upperLayer;
    private final AAssociateRq request;
    private final AAssociateAc acceptance;
    private final boolean requestor;
    private final String name;
    private final ServiceHandlers handlers;
    private final Duration timeout;
    private final int peerMaxPData;
    private final AtomicInteger messageIds = new AtomicInteger();
    private final Map<Integer, PendingRequest> pending = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicBoolean> inFlight = new ConcurrentHashMap<>();
    private volatile IOException failure;

    /**
     * @param timeout DIMSE timeout: the socket read timeout; the acceptor aborts an association idle that
     *     long (DicomScpTimeout), the requestor one whose peer does not answer that long (DicomScuTimeout);
     *     zero = none
     */
    Association(UpperLayer upperLayer, AAssociateRq request, AAssociateAc acceptance, boolean requestor,
            ServiceHandlers handlers, Duration timeout) throws IOException {
        this.upperLayer = upperLayer;
        this.request = request;
        this.acceptance = acceptance;
        this.requestor = requestor;
        this.handlers = handlers;
        this.timeout = timeout;
        this.name = upperLayer.toString();
        long peerMax = requestor ? maxLength(acceptance) : maxLength(request);
        this.peerMaxPData = (int) (peerMax <= 0 || peerMax > UNLIMITED_PDATA_FRAGMENT ? UNLIMITED_PDATA_FRAGMENT
                : peerMax);
        upperLayer.socket().setSoTimeout((int) timeout.toMillis());
    }

    private static long maxLength(Object pdu) {
        var ui = pdu instanceof AAssociateRq rq ? rq.userInformation() : ((AAssociateAc) pdu).userInformation();
        return ui == null ? 0 : ui.maxPduLength();
    }

    // ---- what was negotiated

    public AAssociateRq request() {
        return request;
    }

    public AAssociateAc acceptance() {
        return acceptance;
    }

    public String callingAeTitle() {
        return request.callingAeTitle();
    }

    public String calledAeTitle() {
        return request.calledAeTitle();
    }

    /** The peer's AE title: the calling one on the acceptor side, the called one on the requestor side. */
    public String remoteAeTitle() {
        return requestor ? request.calledAeTitle() : request.callingAeTitle();
    }

    /** True on the side that requested the association (SCU). */
    public boolean requestor() {
        return requestor;
    }

    public InetAddress remoteAddress() {
        return upperLayer.socket().getInetAddress();
    }

    /** The largest P-DATA variable field we send (the peer's Maximum Length Received, bounded). */
    public int peerMaxPDataLength() {
        return peerMaxPData;
    }

    /** The abstract syntax of a presentation context, or null. */
    public String abstractSyntax(int presentationContextId) {
        PresentationContextRq pc = request.presentationContext(presentationContextId);
        return pc == null ? null : pc.abstractSyntax();
    }

    /** The accepted transfer syntax of a presentation context, or null if not accepted. */
    public String transferSyntax(int presentationContextId) {
        PresentationContextAc pc = acceptance.presentationContext(presentationContextId);
        return pc == null || !pc.accepted() ? null : pc.transferSyntax();
    }

    /** The id of an accepted context for this abstract syntax and transfer syntax (null = any), or -1. */
    public int acceptedContext(String abstractSyntax, String transferSyntax) {
        for (PresentationContextAc ac : acceptance.presentationContexts()) {
            if (ac.accepted() && abstractSyntax.equals(abstractSyntax(ac.id()))
                    && (transferSyntax == null || transferSyntax.equals(ac.transferSyntax()))) {
                return ac.id();
            }
        }
        return -1;
    }

    /**
     * Why the association ended, if an abort, a timeout or a protocol error
     * ended it (set before the waiting requests fail); null otherwise.
     */
    public IOException failure() {
        return failure;
    }

    public boolean isOpen() {
        return !upperLayer.isClosed();
    }

    public UpperLayer upperLayer() {
        return upperLayer;
    }

    public int nextMessageId() {
        return messageIds.updateAndGet(i -> i >= 0xFFFF ? 1 : i + 1);
    }

    // ---- sending

    /** Sends a message: the command, then the data set if {@code data} is not null. */
    public void send(int presentationContextId, Command command, DataSetSource data) throws IOException {
        command.withDataSet(data != null);
        upperLayer.sendLock().lock();
        try {
            try (PDataOutputStream out = new PDataOutputStream(upperLayer, presentationContextId, true,
                    peerMaxPData)) {
                out.write(command.encode());
            }
            if (data != null) {
                try (PDataOutputStream out = new PDataOutputStream(upperLayer, presentationContextId, false,
                        peerMaxPData)) {
                    data.writeTo(out);
                }
            }
        } finally {
            upperLayer.sendLock().unlock();
        }
        LOG.trace("{}: sent {}", name, command);
    }

    /** A data set source writing a {@link DataSet} in the context's transfer syntax. */
    public DataSetSource encode(int presentationContextId, DataSet dataSet) {
        TransferSyntax ts = TransferSyntax.of(transferSyntax(presentationContextId));
        return out -> DicomWriter.writeDataSet(out, dataSet, ts);
    }

    /**
     * Sends a request and returns the handle its responses arrive on. The
     * handle is registered before sending so that no response is missed.
     */
    public PendingRequest sendRequest(int presentationContextId, Command command, DataSetSource data)
            throws IOException {
        int id = command.messageId();
        PendingRequest p = new PendingRequest(id);
        pending.put(id, p);
        try {
            send(presentationContextId, command, data);
        } catch (IOException | RuntimeException e) {
            pending.remove(id);
            throw e;
        }
        return p;
    }

    /**
     * Sends a C-STORE-RQ (from an SCU, or a C-GET sub-operation) and waits for its response.
     *
     * @param moveOriginatorAeTitle null unless this is a C-MOVE sub-operation
     */
    public DimseResponse store(int presentationContextId, String sopClassUid, String sopInstanceUid,
            DataSetSource data, String moveOriginatorAeTitle, int moveOriginatorMessageId) throws IOException {
        Command rq = Command.of(CommandField.C_STORE_RQ);
        rq.putUS(Command.MessageID, nextMessageId());
        rq.putString(Command.AffectedSOPClassUID, sopClassUid);
        rq.putString(Command.AffectedSOPInstanceUID, sopInstanceUid);
        rq.putUS(Command.Priority, Command.PRIORITY_MEDIUM);
        if (moveOriginatorAeTitle != null) {
            rq.putString(Command.MoveOriginatorApplicationEntityTitle, moveOriginatorAeTitle);
            rq.putUS(Command.MoveOriginatorMessageID, moveOriginatorMessageId);
        }
        return sendRequest(presentationContextId, rq, data).next(timeout);
    }

    /**
     * C-STORE of a DICOM file (from an SCU, or as a C-GET sub-operation):
     * the data set is sent from the file as it is when a context with its
     * transfer syntax was accepted for its SOP class; otherwise a native file
     * is converted to an accepted uncompressed syntax, values over 64 KiB
     * streaming from the file.
     *
     * @throws Scu.NoPresentationContextException when no accepted context fits
     */
    public DimseResponse storeFile(java.nio.file.Path file, String moveOriginatorAeTitle, int moveOriginatorMessageId)
            throws IOException {
        OutgoingInstance instance = OutgoingInstance.prepare(this, file);
        return store(instance.presentationContextId(), instance.sopClassUid(), instance.sopInstanceUid(),
                instance.source(), moveOriginatorAeTitle, moveOriginatorMessageId);
    }

    /** Sends A-RELEASE-RQ and waits for the A-RELEASE-RP (at most {@code timeout}, else aborts). */
    public void release(Duration timeout) throws IOException {
        upperLayer.release(timeout.isZero() ? Duration.ofSeconds(30) : timeout);
    }

    /** Sends A-ABORT and closes. */
    public void abort() {
        upperLayer.abort();
    }

    // ---- receiving

    /**
     * Reads and dispatches messages until the association is released or
     * aborted. Returns normally after a release; throws after an abort.
     */
    public void run() throws IOException {
        try {
            while (true) {
                Pdv first = awaitMessage();
                if (first == null) {
                    LOG.debug("{}: released", name);
                    return;
                }
                dispatch(first);
            }
        } catch (SocketTimeoutException e) {
            // A message started and stopped arriving: the DIMSE timeout ends the association.
            failure = new AssociationAbortedException(name + ": a message stopped arriving (DIMSE timeout)", e);
            upperLayer.abort();
            throw failure;
        } catch (DimseException e) {
            failure = e;
            upperLayer.abortForProtocolError(AAbort.REASON_UNEXPECTED_PDU_PARAMETER, e.getMessage());
            throw e;
        } catch (IOException e) {
            failure = e;
            upperLayer.closeSocket();
            throw e;
        } finally {
            AssociationAbortedException gone = new AssociationAbortedException(name + ": the association ended");
            pending.values().forEach(p -> p.fail(gone));
            inFlight.values().forEach(c -> c.set(true));
        }
    }

    /** The first PDV of the next message; null after a release. Applies the idle rules of the timeouts. */
    private Pdv awaitMessage() throws IOException {
        while (true) {
            try {
                return upperLayer.nextPdv();
            } catch (SocketTimeoutException e) {
                boolean waitingForPeer = !pending.isEmpty();
                boolean working = !inFlight.isEmpty();
                if (requestor ? waitingForPeer : !working) {
                    String why = requestor ? "no response within " + timeout.toSeconds() + " s (DicomScuTimeout)"
                            : "no command within " + timeout.toSeconds() + " s (DicomScpTimeout)";
                    LOG.info("{}: {}; aborting", name, why);
                    upperLayer.abort();
                    throw new AssociationAbortedException(name + ": " + why, e);
                }
            }
        }
    }

    private void dispatch(Pdv first) throws IOException {
        if (!first.command()) {
            throw new DimseException("a data set fragment arrived where a command was expected: " + first);
        }
        int pcId = first.presentationContextId();
        String ts = transferSyntax(pcId);
        if (ts == null) {
            throw new DimseException("a command arrived on presentation context " + pcId + ", which is not accepted");
        }
        ByteArrayOutputStream commandBytes = new ByteArrayOutputStream(256);
        Pdv pdv = first;
        while (true) {
            if (commandBytes.size() + pdv.length() > Command.MAX_ENCODED_LENGTH) {
                throw new DimseException("command set longer than " + Command.MAX_ENCODED_LENGTH + " bytes");
            }
            commandBytes.write(pdv.buffer(), pdv.offset(), pdv.length());
            if (pdv.last()) {
                break;
            }
            pdv = upperLayer.nextPdv();
            if (pdv == null || !pdv.command() || pdv.presentationContextId() != pcId) {
                throw new DimseException("command fragments interrupted by " + pdv);
            }
        }
        Command command = Command.decode(commandBytes.toByteArray(), commandBytes.size());
        LOG.trace("{}: received {}", name, command);
        PdvInputStream data = command.hasDataSet() ? new PdvInputStream(upperLayer, pcId, null) : null;
        int field = command.commandField();
        if (CommandField.isResponse(field)) {
            PendingRequest p = pending.get(command.messageIdBeingRespondedTo());
            if (p == null) {
                throw new DimseException("a response to no outstanding request: " + command);
            }
            DataSet ds = data == null ? null : readDataSet(data, ts);
            DimseResponse response = new DimseResponse(command, ds);
            if (!Status.isPending(command.status())) {
                pending.remove(p.messageId);
            }
            p.offer(response);
            return;
        }
        switch (field) {
            case CommandField.C_ECHO_RQ -> {
                Handlers.Echo echo = handlers.echo() != null ? handlers.echo() : ServiceHandlers.ECHO_SUCCESS;
                int status;
                try {
                    status = echo.echo(this, command);
                } catch (Handlers.AbortAssociation e) {
                    abortBecause(e);
                    throw new AssociationAbortedException(name + ": " + e.getMessage());
                }
                send(pcId, Command.responseTo(command, status), null);
            }
            case CommandField.C_STORE_RQ -> {
                requireHandler(handlers.store(), command);
                requireDataSet(data, command);
                int status;
                try {
                    status = handlers.store().store(new StoreRequest(this, pcId, command, ts, data));
                } catch (Handlers.AbortAssociation e) {
                    abortBecause(e);
                    throw new AssociationAbortedException(name + ": " + e.getMessage());
                } catch (AssociationAbortedException | DimseException e) {
                    throw e;
                } catch (IOException | RuntimeException e) {
                    LOG.warn("{}: C-STORE of {} failed: {}", name, command.string(Command.AffectedSOPInstanceUID),
                            e.toString());
                    status = Status.OUT_OF_RESOURCES;
                }
                data.drain();
                send(pcId, Command.responseTo(command, status), null);
            }
            case CommandField.C_FIND_RQ, CommandField.C_MOVE_RQ, CommandField.C_GET_RQ -> {
                Object handler = field == CommandField.C_FIND_RQ ? handlers.find()
                        : field == CommandField.C_MOVE_RQ ? handlers.move() : handlers.get();
                requireHandler(handler, command);
                requireDataSet(data, command);
                DataSet identifier = readDataSet(data, ts);
                startOperation(pcId, command, identifier);
            }
            case CommandField.C_CANCEL_RQ -> {
                if (data != null) {
                    data.drain();
                }
                AtomicBoolean cancelled = inFlight.get(command.messageIdBeingRespondedTo());
                if (cancelled != null) {
                    LOG.debug("{}: C-CANCEL of message {}", name, command.messageIdBeingRespondedTo());
                    cancelled.set(true);
                }
            }
            default -> {
                String why = CommandField.name(field) + " is not supported";
                LOG.info("{}: {}; aborting the association", name, why);
                upperLayer.abort();
                throw new AssociationAbortedException(name + ": " + why);
            }
        }
    }

    private void requireHandler(Object handler, Command command) throws IOException {
        if (handler == null) {
            String why = CommandField.name(command.commandField()) + " is not offered here";
            LOG.info("{}: {}; aborting the association", name, why);
            upperLayer.abort();
            throw new AssociationAbortedException(name + ": " + why);
        }
    }

    private static void requireDataSet(PdvInputStream data, Command command) throws DimseException {
        if (data == null) {
            throw new DimseException(CommandField.name(command.commandField()) + " without a data set");
        }
    }

    private static DataSet readDataSet(PdvInputStream data, String ts) throws IOException {
        DataSet ds = DicomReader.readDataSet(data, TransferSyntax.of(ts), ReadOptions.DEFAULT);
        data.drain();
        return ds;
    }

    private void abortBecause(Handlers.AbortAssociation e) {
        LOG.info("{}: aborting the association: {}", name, e.getMessage());
        upperLayer.abort();
    }

    /** Runs a C-FIND/C-MOVE/C-GET handler on its own virtual thread; the reader goes on. */
    private void startOperation(int pcId, Command rq, DataSet identifier) {
        AtomicBoolean cancelled = new AtomicBoolean();
        inFlight.put(rq.messageId(), cancelled);
        Handlers.QueryRequest request = new Handlers.QueryRequest(this, pcId, rq, identifier);
        Thread.ofVirtual().name(name + " " + CommandField.name(rq.commandField()) + " " + rq.messageId())
                .start(() -> {
                    try {
                        Command rsp = runOperation(pcId, rq, request, cancelled);
                        if (rsp != null) {
                            send(pcId, rsp, null);
                        }
                    } catch (Handlers.AbortAssociation e) {
                        abortBecause(e);
                    } catch (IOException e) {
                        LOG.info("{}: {} ended: {}", name, CommandField.name(rq.commandField()), e.getMessage());
                    } finally {
                        inFlight.remove(rq.messageId());
                    }
                });
    }

    private Command runOperation(int pcId, Command rq, Handlers.QueryRequest request, AtomicBoolean cancelled)
            throws IOException {
        try {
            if (rq.commandField() == CommandField.C_FIND_RQ) {
                int status = handlers.find().find(request, new Handlers.QueryResponder() {
                    @Override
                    public boolean pending(DataSet match) throws IOException {
                        if (cancelled.get()) {
                            return false;
                        }
                        send(pcId, Command.responseTo(rq, Status.PENDING), encode(pcId, match));
                        return true;
                    }

                    @Override
                    public boolean cancelled() {
                        return cancelled.get();
                    }
                });
                return Command.responseTo(rq, cancelled.get() && status == Status.SUCCESS ? Status.CANCEL : status);
            }
            Handlers.RetrieveResponder responder = new Handlers.RetrieveResponder() {
                @Override
                public boolean pending(int remaining, int completed, int failed, int warning) throws IOException {
                    if (cancelled.get()) {
                        return false;
                    }
                    Command rsp = Command.responseTo(rq, Status.PENDING);
                    counters(rsp, remaining, completed, failed, warning);
                    send(pcId, rsp, null);
                    return true;
                }

                @Override
                public boolean cancelled() {
                    return cancelled.get();
                }
            };
            Handlers.RetrieveResult result = rq.commandField() == CommandField.C_MOVE_RQ
                    ? handlers.move().move(request, responder)
                    : handlers.get().get(request, responder);
            Command rsp = Command.responseTo(rq, result.status());
            // PS3.4 C.4.2.1.6: the final response has no Remaining count.
            counters(rsp, -1, result.completed(), result.failed(), result.warning());
            if (result.identifier() != null) {
                send(pcId, rsp, encode(pcId, result.identifier()));
                return null;
            }
            return rsp;
        } catch (Handlers.AbortAssociation | AssociationAbortedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: {} failed: {}", name, CommandField.name(rq.commandField()), e.toString());
            Command rsp = Command.responseTo(rq, Status.UNABLE_TO_PROCESS);
            String comment = String.valueOf(e.getMessage());
            rsp.putString(Command.ErrorComment, comment.length() > 64 ? comment.substring(0, 64) : comment);
            return rsp;
        }
    }

    private static void counters(Command rsp, int remaining, int completed, int failed, int warning) {
        if (remaining >= 0) {
            rsp.putUS(Command.NumberOfRemainingSuboperations, remaining);
        }
        rsp.putUS(Command.NumberOfCompletedSuboperations, completed);
        rsp.putUS(Command.NumberOfFailedSuboperations, failed);
        rsp.putUS(Command.NumberOfWarningSuboperations, warning);
    }

    @Override
    public String toString() {
        return name;
    }

    /** The responses to one request we sent, as they arrive. */
    public static final class PendingRequest {
        private final int messageId;
        private final BlockingQueue<Object> responses = new LinkedBlockingQueue<>();

        PendingRequest(int messageId) {
            this.messageId = messageId;
        }

        public int messageId() {
            return messageId;
        }

        void offer(DimseResponse response) {
            responses.add(response);
        }

        void fail(IOException e) {
            responses.add(e);
        }

        /**
         * The next response; the association's reader enforces the DIMSE
         * timeout, so this waits for it (or for the association to end).
         */
        public DimseResponse next(Duration timeout) throws IOException {
            try {
                // The reader aborts after the timeout; this bound only guards against a reader that died silently.
                long wait = timeout.isZero() ? Long.MAX_VALUE : timeout.toMillis() * 2 + 1000;
                Object o = responses.poll(wait, TimeUnit.MILLISECONDS);
                if (o == null) {
                    throw new AssociationAbortedException("no response to message " + messageId + " within " + timeout);
                }
                if (o instanceof IOException e) {
                    throw new AssociationAbortedException(e.getMessage(), e);
                }
                return (DimseResponse) o;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssociationAbortedException("interrupted while waiting for a response");
            }
        }
    }
}
