package io.isengard.dicom.net.dimse;

import io.isengard.dicom.net.ul.UpperLayer;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Fragments a command or data set into P-DATA-TF PDUs of one PDV each, no
 * longer than the peer's Maximum Length Received (PS3.8 Annex E). The PDU
 * and PDV headers are written in front of the fragment in one buffer, so
 * each PDU leaves in one write; {@link #close()} sends the last fragment.
 */
public final class PDataOutputStream extends OutputStream {
    /** PDU header (6) + PDV header (4 length, context id, message control header). */
    private static final int HEADERS = 12;

    private final UpperLayer upperLayer;
    private final int presentationContextId;
    private final boolean command;
    private final byte[] buffer;
    private int count = HEADERS;
    private boolean closed;

    /**
     * @param maxPDataLength the peer's Maximum Length Received (the PDU's variable field), at least 8
     */
    public PDataOutputStream(UpperLayer upperLayer, int presentationContextId, boolean command, int maxPDataLength) {
        this.upperLayer = upperLayer;
        this.presentationContextId = presentationContextId;
        this.command = command;
        this.buffer = new byte[6 + Math.max(8, maxPDataLength)];
    }

    @Override
    public void write(int b) throws IOException {
        if (count == buffer.length) {
            sendFragment(false);
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (count == buffer.length) {
                sendFragment(false);
            }
            int n = Math.min(len, buffer.length - count);
            System.arraycopy(b, off, buffer, count, n);
            count += n;
            off += n;
            len -= n;
        }
    }

    /** Fills the buffer straight from a channel, for raw copies of a file's data set. */
    public void transferFrom(java.nio.channels.ReadableByteChannel channel, long length) throws IOException {
        java.nio.ByteBuffer view = java.nio.ByteBuffer.wrap(buffer);
        while (length > 0) {
            if (count == buffer.length) {
                sendFragment(false);
            }
            int n = (int) Math.min(length, buffer.length - count);
            view.limit(count + n).position(count);
            int read = channel.read(view);
            if (read < 0) {
                throw new java.io.EOFException("the file ended " + length + " bytes early");
            }
            count += read;
            length -= read;
        }
    }

    @Override
    public void flush() {
        // Fragments leave when full or at close: a flush must not cut an extra fragment.
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            sendFragment(true);
        }
    }

    private void sendFragment(boolean last) throws IOException {
        int pduLength = count - 6;
        int pdvLength = count - 10;
        buffer[0] = 0x04;
        buffer[1] = 0;
        putInt(2, pduLength);
        putInt(6, pdvLength);
        buffer[10] = (byte) presentationContextId;
        buffer[11] = (byte) ((command ? 1 : 0) | (last ? 2 : 0));
        upperLayer.sendPData(buffer, count);
        count = HEADERS;
    }

    private void putInt(int at, int v) {
        buffer[at] = (byte) (v >>> 24);
        buffer[at + 1] = (byte) (v >>> 16);
        buffer[at + 2] = (byte) (v >>> 8);
        buffer[at + 3] = (byte) v;
    }
}
