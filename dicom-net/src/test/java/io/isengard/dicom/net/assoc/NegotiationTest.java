package io.isengard.dicom.net.assoc;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.net.pdu.AAssociateAc;
import io.isengard.dicom.net.pdu.AAssociateRj;
import io.isengard.dicom.net.pdu.AAssociateRq;
import io.isengard.dicom.net.pdu.Pdu;
import io.isengard.dicom.net.pdu.PresentationContextAc;
import io.isengard.dicom.net.pdu.PresentationContextRq;
import io.isengard.dicom.net.pdu.RoleSelection;
import io.isengard.dicom.net.pdu.UserIdentityRq;
import io.isengard.dicom.net.pdu.UserInformation;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The acceptor's answer, as a pure function of the request and the policy (dicom-server.md §2–3). */
class NegotiationTest {
    static final String VERIFICATION = "1.2.840.10008.1.1";
    static final String STUDY_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    static final String IMPLICIT = "1.2.840.10008.1.2";
    static final String EXPLICIT = "1.2.840.10008.1.2.1";
    static final String BIG = "1.2.840.10008.1.2.2";
    static final String JPEG_LOSSLESS = "1.2.840.10008.1.2.4.70";
    static final String PRIVATE_SOP_CLASS = "1.3.6.1.4.1.99999.1.2";

    static final UserInformation OURS = UserInformation.of(16384, "1.2.3", "ISENGARD");
    static final AcceptorPolicy POLICY = AcceptorPolicy.orthancLike("ISENGARD", List.of(IMPLICIT, EXPLICIT, BIG));

    static AAssociateRq rq(PresentationContextRq... contexts) {
        return new AAssociateRq(1, "ISENGARD", "MODALITY", AAssociateRq.DICOM_APPLICATION_CONTEXT, List.of(contexts),
                UserInformation.of(32768, "9.9", "PEER"));
    }

    static AAssociateAc accept(AAssociateRq rq, AcceptorPolicy policy) {
        Pdu answer = Negotiation.answer(rq, policy, OURS, InetAddress.getLoopbackAddress());
        assertThat(answer).isInstanceOf(AAssociateAc.class);
        return (AAssociateAc) answer;
    }

    @Test
    void servicesUseTheAcceptorsOrderStorageTheProposers() {
        AAssociateAc ac = accept(rq(
                new PresentationContextRq(1, VERIFICATION, List.of(IMPLICIT, BIG, EXPLICIT)),
                new PresentationContextRq(3, STUDY_FIND, List.of(IMPLICIT, BIG)),
                new PresentationContextRq(5, CT, List.of(IMPLICIT, EXPLICIT))), POLICY);
        assertThat(ac.presentationContexts()).containsExactly(
                new PresentationContextAc(1, 0, EXPLICIT),  // ours: Explicit LE, Big Endian, Implicit LE
                new PresentationContextAc(3, 0, BIG),
                new PresentationContextAc(5, 0, IMPLICIT)); // the proposer's first that we accept
        assertThat(ac.userInformation().maxPduLength()).isEqualTo(16384);
        assertThat(ac.calledAeTitle()).isEqualTo("ISENGARD");
        assertThat(ac.callingAeTitle()).isEqualTo("MODALITY");
    }

    @Test
    void theAcceptorsOrderWinsForStorageWhenConfiguredSo() {
        AcceptorPolicy ours = new AcceptorPolicy("ISENGARD", POLICY.services(), POLICY.storageSopClass(),
                List.of(EXPLICIT, IMPLICIT), false, false, POLICY.knownUid(), AssociationCheck.ACCEPT_ALL);
        AAssociateAc ac = accept(rq(new PresentationContextRq(1, CT, List.of(IMPLICIT, EXPLICIT))), ours);
        assertThat(ac.presentationContexts()).containsExactly(new PresentationContextAc(1, 0, EXPLICIT));
    }

    @Test
    void unsupportedAbstractAndTransferSyntaxesGetTheirResultCodes() {
        AAssociateAc ac = accept(rq(
                new PresentationContextRq(1, CT, List.of(JPEG_LOSSLESS)),
                new PresentationContextRq(3, "1.2.840.10008.5.1.4.31", List.of(EXPLICIT)), // worklist: not offered
                new PresentationContextRq(5, PRIVATE_SOP_CLASS, List.of(EXPLICIT))), POLICY);
        assertThat(ac.presentationContexts()).extracting(PresentationContextAc::result).containsExactly(
                PresentationContextAc.TRANSFER_SYNTAXES_NOT_SUPPORTED,
                PresentationContextAc.ABSTRACT_SYNTAX_NOT_SUPPORTED,
                PresentationContextAc.ABSTRACT_SYNTAX_NOT_SUPPORTED);
    }

    @Test
    void unknownSopClassesAreAcceptedInPromiscuousModeButKnownNonStorageOnesAreNot() {
        AAssociateAc ac = accept(rq(
                new PresentationContextRq(1, PRIVATE_SOP_CLASS, List.of(IMPLICIT, EXPLICIT)),
                new PresentationContextRq(3, "1.2.840.10008.5.1.4.31", List.of(EXPLICIT))),
                POLICY.withUnknownSopClassAccepted(true));
        assertThat(ac.presentationContexts()).containsExactly(new PresentationContextAc(1, 0, IMPLICIT),
                new PresentationContextAc(3, PresentationContextAc.ABSTRACT_SYNTAX_NOT_SUPPORTED, null));
    }

    @Test
    void roleSelectionsAreAnsweredAsProposedForAcceptedContextsOnly() {
        AAssociateRq rq = new AAssociateRq(1, "ISENGARD", "GETSCU", AAssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextRq(1, CT, List.of(EXPLICIT)),
                        new PresentationContextRq(3, PRIVATE_SOP_CLASS, List.of(EXPLICIT))),
                UserInformation.of(0, "9.9", null).withRoleSelections(List.of(new RoleSelection(CT, false, true),
                        new RoleSelection(PRIVATE_SOP_CLASS, false, true))));
        AAssociateAc ac = accept(rq, POLICY);
        assertThat(ac.userInformation().roleSelections()).containsExactly(new RoleSelection(CT, false, true));
    }

    @Test
    void userIdentityIsAcceptedWithoutAnAnswerItem() {
        AAssociateRq plain = rq(new PresentationContextRq(1, VERIFICATION, List.of(IMPLICIT)));
        AAssociateRq rq = new AAssociateRq(1, plain.calledAeTitle(), plain.callingAeTitle(),
                plain.applicationContextName(), plain.presentationContexts(), plain.userInformation()
                        .withUserIdentityRq(new UserIdentityRq(1, true, "bob".getBytes(), new byte[0])));
        AAssociateAc ac = accept(rq, POLICY);
        assertThat(ac.presentationContexts().get(0).accepted()).isTrue();
        assertThat(ac.userInformation().userIdentityAc()).isNull();
    }

    @Test
    void rejectionsInOrthancsOrder() {
        AAssociateRq wrongContext = new AAssociateRq(1, "OTHER", "MODALITY", "1.2.3.4", List.of(), null);
        AcceptorPolicy checkingCalled = POLICY.withCheck((rq, peer) -> rq.calledAeTitle().equals("ISENGARD") ? null
                : Negotiation.calledAeTitleNotRecognized());
        // The application context is checked before the AE titles.
        assertThat(Negotiation.answer(wrongContext, checkingCalled, OURS, null))
                .isEqualTo(new AAssociateRj(1, 1, AAssociateRj.REASON_APPLICATION_CONTEXT_NAME_NOT_SUPPORTED));
        AAssociateRq wrongCalled = new AAssociateRq(1, "OTHER", "MODALITY", AAssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(), null);
        assertThat(Negotiation.answer(wrongCalled, checkingCalled, OURS, null))
                .isEqualTo(new AAssociateRj(1, 1, AAssociateRj.REASON_CALLED_AE_TITLE_NOT_RECOGNIZED));
        assertThat(Negotiation.answer(wrongCalled, POLICY, OURS, null)).isInstanceOf(AAssociateAc.class);
        AcceptorPolicy knownCallers = POLICY.withCheck((rq, peer) -> rq.callingAeTitle().equals("KNOWN") ? null
                : Negotiation.callingAeTitleNotRecognized());
        assertThat(Negotiation.answer(wrongCalled, knownCallers, OURS, null))
                .isEqualTo(new AAssociateRj(1, 1, AAssociateRj.REASON_CALLING_AE_TITLE_NOT_RECOGNIZED));
        AAssociateRq version2 = new AAssociateRq(2, "ISENGARD", "MODALITY", AAssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(), null);
        assertThat(Negotiation.answer(version2, POLICY, OURS, null))
                .isEqualTo(new AAssociateRj(1, 2, AAssociateRj.REASON_PROTOCOL_VERSION_NOT_SUPPORTED));
    }

    @Test
    void zeroAcceptedContextsStillGiveAnAcceptance() {
        AAssociateAc ac = accept(rq(new PresentationContextRq(1, PRIVATE_SOP_CLASS, List.of(EXPLICIT))), POLICY);
        assertThat(ac.presentationContexts()).noneMatch(PresentationContextAc::accepted);
    }

    @Test
    void storageSopClassesAreThoseOfTheDictionary() {
        assertThat(StorageSopClasses.isStorage(CT)).isTrue();
        assertThat(StorageSopClasses.isStorage("1.2.840.10008.5.1.4.1.1.66.4")).as("Segmentation").isTrue();
        assertThat(StorageSopClasses.isStorage("1.2.840.10008.1.20.1")).as("Storage Commitment").isFalse();
        assertThat(StorageSopClasses.isStorage(VERIFICATION)).isFalse();
        assertThat(StorageSopClasses.isStorage(PRIVATE_SOP_CLASS)).isFalse();
        assertThat(StorageSopClasses.isKnown(STUDY_FIND)).isTrue();
        assertThat(StorageSopClasses.isKnown(PRIVATE_SOP_CLASS)).isFalse();
    }
}
