package io.isengard.dicom.net.dimse;

import io.isengard.dicom.net.pdu.AAbort;
import io.isengard.dicom.net.pdu.Pdv;
import io.isengard.dicom.net.ul.AssociationAbortedException;
import io.isengard.dicom.net.ul.UpperLayer;
import java.io.IOException;
import java.io.InputStream;

/**
 * The data set of a DIMSE message as a stream: PDVs are read from the
 * connection as the consumer reads, so a C-STORE data set goes from the
 * socket to its destination without being held in memory. Ends after the
 * PDV marked last. Fragments of another context, or command fragments, in
 * the middle of a data set are a protocol error.
 */
public final class PdvInputStream extends InputStream {
    private final UpperLayer upperLayer;
    private final int presentationContextId;
    private Pdv current;
    private int pos;
    private boolean ended;

    /** @param first the first data fragment if it came in the same PDU as the command, else null */
    public PdvInputStream(UpperLayer upperLayer, int presentationContextId, Pdv first) {
        this.upperLayer = upperLayer;
        this.presentationContextId = presentationContextId;
        this.current = first;
    }

    private boolean fill() throws IOException {
        while (current == null || pos == current.length()) {
            if (ended || current != null && current.last()) {
                ended = true;
                return false;
            }
            Pdv next;
            try {
                next = upperLayer.nextPdv();
            } catch (java.net.SocketTimeoutException e) {
                // The DIMSE timeout also bounds the wait for the rest of a data set (DicomScpTimeout).
                upperLayer.abort();
                throw new AssociationAbortedException(upperLayer + ": the rest of the data set did not arrive within"
                        + " the DIMSE timeout; aborted", e);
            }
            if (next == null) {
                throw new AssociationAbortedException(upperLayer + ": released in the middle of a data set");
            }
            if (next.command() || next.presentationContextId() != presentationContextId) {
                String why = "expected a data set fragment on presentation context " + presentationContextId
                        + ", got " + next;
                upperLayer.abortForProtocolError(AAbort.REASON_UNEXPECTED_PDU_PARAMETER, why);
                throw new DimseException(why);
            }
            current = next;
            pos = 0;
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return current.buffer()[current.offset() + pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.length() - pos);
        System.arraycopy(current.buffer(), current.offset() + pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.length() - pos;
    }

    /** Reads and discards the rest of the data set (what a handler did not consume). */
    public void drain() throws IOException {
        while (fill()) {
            pos = current.length();
        }
    }

    /** True once the last fragment was consumed. */
    public boolean ended() {
        return ended || current != null && current.last() && pos == current.length();
    }

    @Override
    public void close() {
        // The association's reader drains what is left; closing must not touch the connection.
    }
}
