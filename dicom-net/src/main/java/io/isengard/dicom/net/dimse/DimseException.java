package io.isengard.dicom.net.dimse;

import java.io.IOException;

/** A DIMSE message that breaks PS3.7 (the association is aborted). */
public class DimseException extends IOException {
    public DimseException(String message) {
        super(message);
    }
}
