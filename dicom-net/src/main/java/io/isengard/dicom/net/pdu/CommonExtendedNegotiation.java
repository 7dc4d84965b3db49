package io.isengard.dicom.net.pdu;

import java.util.List;

/**
 * SOP Class Common Extended Negotiation sub-item (0x57, PS3.7 §D.3.3.6): the
 * service class of a (private) SOP class and the general SOP classes it
 * specialises. Sent in the request only.
 */
public record CommonExtendedNegotiation(String sopClassUid, String serviceClassUid,
        List<String> relatedGeneralSopClassUids) {
    public CommonExtendedNegotiation {
        relatedGeneralSopClassUids = List.copyOf(relatedGeneralSopClassUids);
    }
}
