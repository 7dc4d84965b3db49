package io.isengard.dicom.net.pdu;

import java.util.List;

/**
 * A-ASSOCIATE-AC (PS3.8 §9.3.3). The AE title fields echo the request's
 * (PS3.8 says they are not tested by the receiver).
 */
public record AAssociateAc(int protocolVersion, String calledAeTitle, String callingAeTitle,
        String applicationContextName, List<PresentationContextAc> presentationContexts,
        UserInformation userInformation) implements Pdu {

    public AAssociateAc {
        presentationContexts = List.copyOf(presentationContexts);
    }

    @Override
    public int type() {
        return A_ASSOCIATE_AC;
    }

    /** The answer for the context with this id, or null. */
    public PresentationContextAc presentationContext(int id) {
        for (PresentationContextAc pc : presentationContexts) {
            if (pc.id() == id) {
                return pc;
            }
        }
        return null;
    }
}
