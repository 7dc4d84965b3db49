package io.isengard.dicom.net.ul;

import java.io.IOException;

/** The association ended by an A-ABORT (sent or received) or by the connection closing. */
public class AssociationAbortedException extends IOException {
    public AssociationAbortedException(String message) {
        super(message);
    }

    public AssociationAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
