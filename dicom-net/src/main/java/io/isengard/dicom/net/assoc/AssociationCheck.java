package io.isengard.dicom.net.assoc;

import io.isengard.dicom.net.pdu.AAssociateRj;
import io.isengard.dicom.net.pdu.AAssociateRq;
import java.net.InetAddress;

/**
 * The acceptor's check of who calls whom (called AE title, calling AE title,
 * peer address): null to go on, or the A-ASSOCIATE-RJ to send, e.g.
 * {@link Negotiation#calledAeTitleNotRecognized()}.
 */
@FunctionalInterface
public interface AssociationCheck {
    AAssociateRj check(AAssociateRq request, InetAddress peer);

    /** Accepts everyone. */
    AssociationCheck ACCEPT_ALL = (request, peer) -> null;
}
