package io.isengard.dicom.net;

import io.isengard.dicom.net.pdu.AAssociateRj;
import java.io.IOException;

/** The peer answered our A-ASSOCIATE-RQ with an A-ASSOCIATE-RJ. */
public class AssociationRejectedException extends IOException {
    private final AAssociateRj rejection;

    public AssociationRejectedException(String message, AAssociateRj rejection) {
        super(message);
        this.rejection = rejection;
    }

    public AAssociateRj rejection() {
        return rejection;
    }
}
