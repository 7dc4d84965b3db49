package io.isengard.server.modalities;

import io.isengard.dicom.TransferSyntax;
import io.isengard.dicom.net.AssociationRejectedException;
import io.isengard.dicom.net.PresentationContexts;
import io.isengard.dicom.net.Scu;
import io.isengard.dicom.net.ServiceHandlers;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Opens associations to modalities with Orthanc's choices (modalities.md §9):
 * calling AET, called AET, timeouts, maximum PDU, DICOM TLS.
 */
public final class ModalityConnector {
    /** The transfer syntaxes of Orthanc's "control" contexts, in its order. */
    static final List<String> CONTROL_SYNTAXES = List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
            TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
    public static final String MODALITY_WORKLIST_FIND = "1.2.840.10008.5.1.4.31";

    private final ScuSettings settings;
    private final Supplier<SSLContext> tls;

    /** @param tls the client context for modalities with UseDicomTls (built when first needed) */
    public ModalityConnector(ScuSettings settings, Supplier<SSLContext> tls) {
        this.settings = settings;
        this.tls = tls;
    }

    /**
     * Whether an instance may be sent by C-STORE to a modality (Lua's
     * OutgoingCStoreInstanceFilter, 1.12.11): asked by store jobs before each
     * instance.
     */
    @FunctionalInterface
    public interface OutgoingStoreFilter {
        boolean accepts(String instanceId, String remoteHost, String remoteAet);

        OutgoingStoreFilter NONE = (instanceId, remoteHost, remoteAet) -> true;
    }

    private volatile OutgoingStoreFilter storeFilter = OutgoingStoreFilter.NONE;

    /** Set once at start-up, after the scripts are loaded. */
    public void filterStoresWith(OutgoingStoreFilter filter) {
        this.storeFilter = filter;
    }

    /** See {@link OutgoingStoreFilter}. */
    public boolean acceptsStore(String instanceId, Target target) {
        return storeFilter.accepts(instanceId, target.host(), target.calledAet());
    }

    public ScuSettings settings() {
        return settings;
    }

    /** What one association needs besides the modality: who we are, how long we wait, what we propose. */
    public record Target(RemoteModality modality, String callingAet, String calledAet, String host, int port,
            int timeoutSeconds) {
        public Duration timeout() {
            return Duration.ofSeconds(timeoutSeconds);
        }
    }

    /**
     * Calling AET = modality LocalAet, else the request's, else DicomAet;
     * timeout = request's, else the modality's (if not 0), else DicomScuTimeout.
     */
    public Target target(RemoteModality m, String requestedLocalAet, Integer requestedTimeout) {
        String calling = m.hasLocalAet() ? m.localAet()
                : requestedLocalAet != null ? requestedLocalAet : settings.dicomAet();
        int timeout = requestedTimeout != null ? requestedTimeout
                : m.timeout() != 0 ? m.timeout() : settings.scuTimeout();
        return new Target(m, calling, m.aet(), m.host(), m.port(), timeout);
    }

    /** Verification, the query/retrieve SOP classes and worklists: Orthanc's control association. */
    public static PresentationContexts controlContexts() {
        PresentationContexts c = new PresentationContexts();
        for (String sop : List.of(PresentationContexts.VERIFICATION, PresentationContexts.PATIENT_ROOT_FIND,
                PresentationContexts.PATIENT_ROOT_MOVE, PresentationContexts.STUDY_ROOT_FIND,
                PresentationContexts.STUDY_ROOT_MOVE, MODALITY_WORKLIST_FIND)) {
            c.add(sop, CONTROL_SYNTAXES);
        }
        return c;
    }

    public Scu open(Target t, PresentationContexts contexts) {
        return open(t, contexts, ServiceHandlers.echoOnly());
    }

    /** Opens an association; failures become error 9 with Orthanc's "DicomAssociation - ..." details. */
    public Scu open(Target t, PresentationContexts contexts, ServiceHandlers handlers) {
        // 0 = no timeout for DIMSE; association negotiation is then bounded by 10 s as in Orthanc.
        Duration artim = t.timeoutSeconds() == 0 ? Duration.ofSeconds(10) : t.timeout();
        Scu.Parameters p = Scu.Parameters.of(t.host(), t.port(), t.callingAet(), t.calledAet(), contexts)
                .withTimeouts(t.timeout(), artim)
                .withMaxPduLength(settings.maxPduLength())
                .withHandlers(handlers);
        if (t.modality().useDicomTls()) {
            p = p.withTls(tls.get());
        }
        try {
            return Scu.open(p);
        } catch (IOException e) {
            throw failure("connecting to", t.calledAet(), e);
        }
    }

    /** Error 9 with the details Orthanc gives: {@code DicomAssociation - <command> to AET "<aet>": <why>}. */
    public static OrthancException failure(String command, String aet, IOException e) {
        String why;
        if (e instanceof ConnectException || e instanceof UnknownHostException
                || e instanceof SocketTimeoutException) {
            why = "TCP Initialization Error: " + (e instanceof UnknownHostException ? "unknown host "
                    + e.getMessage() : e.getMessage());
        } else if (e instanceof AssociationRejectedException) {
            why = "Association Rejected: " + e.getMessage();
        } else {
            why = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        return new OrthancException(ErrorCode.NetworkProtocol,
                "DicomAssociation - " + command + " AET \"" + aet + "\": " + why, e);
    }
}
