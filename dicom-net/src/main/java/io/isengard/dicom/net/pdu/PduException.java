package io.isengard.dicom.net.pdu;

import java.io.IOException;

/**
 * A PDU that breaks PS3.8: the upper layer answers it with an A-ABORT whose
 * reason is {@link #abortReason()}.
 */
public class PduException extends IOException {
    private final int abortReason;

    public PduException(int abortReason, String message) {
        super(message);
        this.abortReason = abortReason;
    }

    /** One of the {@code AAbort.REASON_*} values. */
    public int abortReason() {
        return abortReason;
    }
}
