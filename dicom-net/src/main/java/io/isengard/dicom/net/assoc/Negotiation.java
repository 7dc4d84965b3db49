package io.isengard.dicom.net.assoc;

import io.isengard.dicom.net.pdu.AAssociateAc;
import io.isengard.dicom.net.pdu.AAssociateRj;
import io.isengard.dicom.net.pdu.AAssociateRq;
import io.isengard.dicom.net.pdu.Pdu;
import io.isengard.dicom.net.pdu.PresentationContextAc;
import io.isengard.dicom.net.pdu.PresentationContextRq;
import io.isengard.dicom.net.pdu.RoleSelection;
import io.isengard.dicom.net.pdu.UserInformation;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** Association negotiation as pure functions: a request and a policy give an acceptance or a rejection. */
public final class Negotiation {
    private Negotiation() {}

    /**
     * The acceptor's answer to an A-ASSOCIATE-RQ, in Orthanc's order of checks
     * (dicom-server.md §2): protocol version, application context, then the
     * AE title check; contexts are evaluated one by one.
     *
     * @param userInformation our user information (max PDU length, implementation class and version)
     * @return an {@link AAssociateAc} or an {@link AAssociateRj}
     */
    public static Pdu answer(AAssociateRq rq, AcceptorPolicy policy, UserInformation userInformation,
            InetAddress peer) {
        if ((rq.protocolVersion() & 1) == 0) {
            return new AAssociateRj(AAssociateRj.RESULT_PERMANENT, AAssociateRj.SOURCE_SERVICE_PROVIDER_ACSE,
                    AAssociateRj.REASON_PROTOCOL_VERSION_NOT_SUPPORTED);
        }
        if (!AAssociateRq.DICOM_APPLICATION_CONTEXT.equals(rq.applicationContextName())) {
            return new AAssociateRj(AAssociateRj.RESULT_PERMANENT, AAssociateRj.SOURCE_SERVICE_USER,
                    AAssociateRj.REASON_APPLICATION_CONTEXT_NAME_NOT_SUPPORTED);
        }
        AAssociateRj rejection = policy.check() == null ? null : policy.check().check(rq, peer);
        if (rejection != null) {
            return rejection;
        }
        List<PresentationContextAc> answers = new ArrayList<>(rq.presentationContexts().size());
        List<RoleSelection> roles = new ArrayList<>();
        UserInformation proposed = rq.userInformation();
        for (PresentationContextRq pc : rq.presentationContexts()) {
            PresentationContextAc answer = answer(pc, policy);
            answers.add(answer);
            RoleSelection role = proposed == null ? null : proposed.roleSelection(pc.abstractSyntax());
            if (answer.accepted() && role != null && roles.stream()
                    .noneMatch(r -> r.sopClassUid().equals(pc.abstractSyntax()))) {
                roles.add(role);
            }
        }
        return new AAssociateAc(1, rq.calledAeTitle(), rq.callingAeTitle(), AAssociateRq.DICOM_APPLICATION_CONTEXT,
                answers, userInformation.withRoleSelections(roles));
    }

    /** The answer for one proposed presentation context. */
    public static PresentationContextAc answer(PresentationContextRq pc, AcceptorPolicy policy) {
        List<String> service = policy.services().get(pc.abstractSyntax());
        if (service != null) {
            return choose(pc, service, false);
        }
        if (policy.storageSopClass().test(pc.abstractSyntax())) {
            return choose(pc, policy.storageTransferSyntaxes(), policy.proposerOrderWins());
        }
        if (policy.unknownSopClassAccepted() && !policy.knownUid().test(pc.abstractSyntax())) {
            return choose(pc, policy.storageTransferSyntaxes(), false);
        }
        return new PresentationContextAc(pc.id(), PresentationContextAc.ABSTRACT_SYNTAX_NOT_SUPPORTED, null);
    }

    private static PresentationContextAc choose(PresentationContextRq pc, List<String> accepted,
            boolean proposerOrderWins) {
        String chosen = null;
        if (proposerOrderWins) {
            chosen = pc.transferSyntaxes().stream().filter(accepted::contains).findFirst().orElse(null);
        } else {
            chosen = accepted.stream().filter(pc.transferSyntaxes()::contains).findFirst().orElse(null);
        }
        return chosen == null
                ? new PresentationContextAc(pc.id(), PresentationContextAc.TRANSFER_SYNTAXES_NOT_SUPPORTED, null)
                : new PresentationContextAc(pc.id(), PresentationContextAc.ACCEPTANCE, chosen);
    }

    /** Rejection for a called AE title that is not ours (permanent, service-user, reason 7). */
    public static AAssociateRj calledAeTitleNotRecognized() {
        return new AAssociateRj(AAssociateRj.RESULT_PERMANENT, AAssociateRj.SOURCE_SERVICE_USER,
                AAssociateRj.REASON_CALLED_AE_TITLE_NOT_RECOGNIZED);
    }

    /** Rejection for an unknown calling AE title (permanent, service-user, reason 3). */
    public static AAssociateRj callingAeTitleNotRecognized() {
        return new AAssociateRj(AAssociateRj.RESULT_PERMANENT, AAssociateRj.SOURCE_SERVICE_USER,
                AAssociateRj.REASON_CALLING_AE_TITLE_NOT_RECOGNIZED);
    }

    /** Rejection when too many associations are open (transient, presentation, local limit exceeded). */
    public static AAssociateRj localLimitExceeded() {
        return new AAssociateRj(AAssociateRj.RESULT_TRANSIENT, AAssociateRj.SOURCE_SERVICE_PROVIDER_PRESENTATION,
                AAssociateRj.REASON_LOCAL_LIMIT_EXCEEDED);
    }
}
