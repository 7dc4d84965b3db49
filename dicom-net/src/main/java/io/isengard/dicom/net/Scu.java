package io.isengard.dicom.net;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.io.FileMetaInformation;
import io.isengard.dicom.net.dimse.Command;
import io.isengard.dicom.net.dimse.CommandField;
import io.isengard.dicom.net.dimse.Status;
import io.isengard.dicom.net.pdu.AAssociateAc;
import io.isengard.dicom.net.pdu.AAssociateRj;
import io.isengard.dicom.net.pdu.AAssociateRq;
import io.isengard.dicom.net.pdu.Pdu;
import io.isengard.dicom.net.pdu.UserIdentityRq;
import io.isengard.dicom.net.pdu.UserInformation;
import io.isengard.dicom.net.ul.AssociationAbortedException;
import io.isengard.dicom.net.ul.UpperLayer;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An association we requested (SCU): C-ECHO, C-STORE (from a file, in its
 * transfer syntax or converted to an uncompressed one the peer accepted),
 * C-FIND (matches as they arrive, cancellable), C-MOVE, C-GET (sub-operation
 * C-STOREs received by the given store handler), release and abort.
 * Operations run one at a time per association.
 */
public final class Scu implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(Scu.class);
    private static final AtomicLong NUMBERS = new AtomicLong();

    /**
     * @param timeout DicomScuTimeout: connect, and wait for each response; zero = none
     * @param artim wait for the A-ASSOCIATE-AC/RJ and for the A-RELEASE-RP
     * @param maxPduLength our Maximum Length Received
     * @param tls null for plain TCP
     * @param userIdentity null for none
     * @param handlers for requests the peer sends us (C-STORE sub-operations of a C-GET)
     */
    public record Parameters(String host, int port, String callingAeTitle, String calledAeTitle,
            PresentationContexts contexts, Duration timeout, Duration artim, int maxPduLength, SSLContext tls,
            UserIdentityRq userIdentity, ServiceHandlers handlers) {
        public Parameters {
            Objects.requireNonNull(contexts, "contexts");
        }

        /** Plain TCP, 10 s DicomScuTimeout, 30 s ARTIM, 16 KiB PDUs. */
        public static Parameters of(String host, int port, String callingAeTitle, String calledAeTitle,
                PresentationContexts contexts) {
            return new Parameters(host, port, callingAeTitle, calledAeTitle, contexts, Duration.ofSeconds(10),
                    Duration.ofSeconds(30), 16384, null, null, ServiceHandlers.echoOnly());
        }

        public Parameters withTimeouts(Duration dimse, Duration artimTimeout) {
            return new Parameters(host, port, callingAeTitle, calledAeTitle, contexts, dimse, artimTimeout,
                    maxPduLength, tls, userIdentity, handlers);
        }

        public Parameters withTls(SSLContext context) {
            return new Parameters(host, port, callingAeTitle, calledAeTitle, contexts, timeout, artim, maxPduLength,
                    context, userIdentity, handlers);
        }

        public Parameters withHandlers(ServiceHandlers h) {
            return new Parameters(host, port, callingAeTitle, calledAeTitle, contexts, timeout, artim, maxPduLength,
                    tls, userIdentity, h);
        }

        public Parameters withMaxPduLength(int max) {
            return new Parameters(host, port, callingAeTitle, calledAeTitle, contexts, timeout, artim, max, tls,
                    userIdentity, handlers);
        }

        public Parameters withUserIdentity(UserIdentityRq identity) {
            return new Parameters(host, port, callingAeTitle, calledAeTitle, contexts, timeout, artim, maxPduLength,
                    tls, identity, handlers);
        }
    }

    private final Association association;
    private final Thread reader;
    private final Parameters parameters;

    private Scu(Association association, Parameters parameters) {
        this.association = association;
        this.parameters = parameters;
        this.reader = Thread.ofVirtual().name(association + " reader").unstarted(this::read);
    }

    private void read() {
        try {
            association.run();
        } catch (IOException e) {
            LOG.debug("{}", e.getMessage());
        }
    }

    /** Connects and negotiates; throws {@link AssociationRejectedException} on A-ASSOCIATE-RJ. */
    public static Scu open(Parameters p) throws IOException {
        String name = "association " + NUMBERS.incrementAndGet() + " to " + p.calledAeTitle() + "@" + p.host() + ":"
                + p.port();
        Socket socket = p.tls() != null ? p.tls().getSocketFactory().createSocket() : new Socket();
        UpperLayer ul = null;
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(p.host(), p.port()), (int) p.timeout().toMillis());
            if (socket instanceof SSLSocket ssl) {
                ssl.setSoTimeout((int) p.artim().toMillis());
                ssl.startHandshake();
            }
            ul = new UpperLayer(socket, true, name);
            ul.maxReceivedPDataLength(p.maxPduLength());
            UserInformation ui = UserInformation.of(p.maxPduLength(), FileMetaInformation.IMPLEMENTATION_CLASS_UID,
                    FileMetaInformation.IMPLEMENTATION_VERSION_NAME).withRoleSelections(p.contexts().roles());
            if (p.userIdentity() != null) {
                ui = ui.withUserIdentityRq(p.userIdentity());
            }
            AAssociateRq rq = new AAssociateRq(1, p.calledAeTitle(), p.callingAeTitle(),
                    AAssociateRq.DICOM_APPLICATION_CONTEXT, p.contexts().contexts(), ui);
            Pdu answer = ul.requestAssociation(rq, p.artim());
            if (answer instanceof AAssociateRj rj) {
                throw new AssociationRejectedException(name + ": rejected: " + rj, rj);
            }
            Association a = new Association(ul, rq, (AAssociateAc) answer, true, p.handlers(), p.timeout());
            Scu scu = new Scu(a, p);
            scu.reader.start();
            return scu;
        } catch (IOException | RuntimeException e) {
            if (ul != null) {
                ul.closeSocket();
            } else {
                socket.close();
            }
            throw e;
        }
    }

    public Association association() {
        return association;
    }

    private Duration timeout() {
        return parameters.timeout();
    }

    private int context(String abstractSyntax) throws IOException {
        int pc = association.acceptedContext(abstractSyntax, null);
        if (pc < 0) {
            throw new NoPresentationContextException(association + ": the peer accepted no presentation context for "
                    + abstractSyntax);
        }
        return pc;
    }

    /** C-ECHO; the status of the response. */
    public int echo() throws IOException {
        int pc = context(PresentationContexts.VERIFICATION);
        Command rq = Command.of(CommandField.C_ECHO_RQ);
        rq.putUS(Command.MessageID, association.nextMessageId());
        rq.putString(Command.AffectedSOPClassUID, PresentationContexts.VERIFICATION);
        return association.sendRequest(pc, rq, null).next(timeout()).status();
    }

    /** C-STORE of a DICOM file. */
    public DimseResponse store(Path file) throws IOException {
        return store(file, null, 0);
    }

    /**
     * C-STORE of a DICOM file, as a C-MOVE sub-operation when
     * {@code moveOriginatorAeTitle} is given. The data set is sent from the
     * file as is when the peer accepted its transfer syntax; otherwise an
     * uncompressed file is converted to an accepted uncompressed syntax
     * (values over 64 KiB stream from the file).
     */
    public DimseResponse store(Path file, String moveOriginatorAeTitle, int moveOriginatorMessageId)
            throws IOException {
        return association.storeFile(file, moveOriginatorAeTitle, moveOriginatorMessageId);
    }

    /** C-STORE of a data set already encoded in an accepted transfer syntax of {@code presentationContextId}. */
    public DimseResponse store(int presentationContextId, String sopClassUid, String sopInstanceUid,
            DataSetSource dataSet) throws IOException {
        return association.store(presentationContextId, sopClassUid, sopInstanceUid, dataSet, null, 0);
    }

    /** What a C-FIND match callback says: go on, or cancel the query (a C-CANCEL is sent). */
    @FunctionalInterface
    public interface MatchCallback {
        boolean onMatch(DataSet identifier) throws IOException;
    }

    /**
     * C-FIND: each match is given to {@code onMatch} as it arrives; returning
     * false sends a C-CANCEL. Returns the final response.
     */
    public DimseResponse find(String sopClassUid, DataSet keys, MatchCallback onMatch) throws IOException {
        int pc = context(sopClassUid);
        Command rq = Command.of(CommandField.C_FIND_RQ);
        rq.putUS(Command.MessageID, association.nextMessageId());
        rq.putString(Command.AffectedSOPClassUID, sopClassUid);
        rq.putUS(Command.Priority, Command.PRIORITY_MEDIUM);
        Association.PendingRequest p = association.sendRequest(pc, rq, association.encode(pc, keys));
        boolean cancelled = false;
        while (true) {
            DimseResponse rsp = p.next(timeout());
            if (!Status.isPending(rsp.status())) {
                return rsp;
            }
            if (!cancelled && rsp.dataSet() != null && !onMatch.onMatch(rsp.dataSet())) {
                cancelled = true;
                cancel(pc, p.messageId());
            }
        }
    }

    /** C-MOVE to {@code destination}; pending responses go to {@code progress}; returns the final response. */
    public DimseResponse move(String sopClassUid, String destination, DataSet keys, Consumer<DimseResponse> progress)
            throws IOException {
        int pc = context(sopClassUid);
        Command rq = Command.of(CommandField.C_MOVE_RQ);
        rq.putUS(Command.MessageID, association.nextMessageId());
        rq.putString(Command.AffectedSOPClassUID, sopClassUid);
        rq.putUS(Command.Priority, Command.PRIORITY_MEDIUM);
        rq.putString(Command.MoveDestination, destination);
        return awaitFinal(association.sendRequest(pc, rq, association.encode(pc, keys)), progress);
    }

    /**
     * C-GET: the peer sends the instances as C-STOREs on this association,
     * received by the store handler of {@link Parameters#handlers()} (propose
     * the storage contexts with the SCP role). Returns the final response.
     */
    public DimseResponse get(String sopClassUid, DataSet keys, Consumer<DimseResponse> progress) throws IOException {
        int pc = context(sopClassUid);
        Command rq = Command.of(CommandField.C_GET_RQ);
        rq.putUS(Command.MessageID, association.nextMessageId());
        rq.putString(Command.AffectedSOPClassUID, sopClassUid);
        rq.putUS(Command.Priority, Command.PRIORITY_MEDIUM);
        return awaitFinal(association.sendRequest(pc, rq, association.encode(pc, keys)), progress);
    }

    private DimseResponse awaitFinal(Association.PendingRequest p, Consumer<DimseResponse> progress)
            throws IOException {
        while (true) {
            DimseResponse rsp = p.next(timeout());
            if (!Status.isPending(rsp.status())) {
                return rsp;
            }
            if (progress != null) {
                progress.accept(rsp);
            }
        }
    }

    /** Sends a C-CANCEL-RQ for an outstanding request. */
    public void cancel(int presentationContextId, int messageId) throws IOException {
        Command cancel = Command.of(CommandField.C_CANCEL_RQ);
        cancel.putUS(Command.MessageIDBeingRespondedTo, messageId);
        association.send(presentationContextId, cancel, null);
    }

    /** A-RELEASE; aborts if the peer does not answer within ARTIM. */
    public void release() throws IOException {
        association.release(parameters.artim());
        joinReader();
    }

    /** A-ABORT. */
    public void abort() {
        association.abort();
        joinReader();
    }

    /** Why the association ended, if it ended by an abort or a protocol error; else null. */
    public IOException failure() {
        return association.failure();
    }

    private void joinReader() {
        try {
            reader.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Releases the association if it is still open. */
    @Override
    public void close() throws IOException {
        if (association.isOpen()) {
            try {
                release();
            } catch (AssociationAbortedException e) {
                LOG.debug("{}", e.getMessage());
            }
        }
    }

    /** No presentation context accepted for what the caller wants to send. */
    public static class NoPresentationContextException extends IOException {
        public NoPresentationContextException(String message) {
            super(message);
        }
    }
}
