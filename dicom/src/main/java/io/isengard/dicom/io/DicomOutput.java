package io.isengard.dicom.io;

import java.io.IOException;
import java.io.OutputStream;

/** Buffered writing of DICOM primitives in either byte order. */
final class DicomOutput {
    private final OutputStream out;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private boolean bigEndian;
    private long written;

    DicomOutput(OutputStream out) {
        this.out = out;
    }

    void bigEndian(boolean bigEndian) {
        this.bigEndian = bigEndian;
    }

    boolean bigEndian() {
        return bigEndian;
    }

    /** Bytes written so far. */
    long position() {
        return written + pos;
    }

    private void room(int n) throws IOException {
        if (buf.length - pos < n) {
            flushBuffer();
        }
    }

    void writeU16(int v) throws IOException {
        room(2);
        if (bigEndian) {
            buf[pos++] = (byte) (v >>> 8);
            buf[pos++] = (byte) v;
        } else {
            buf[pos++] = (byte) v;
            buf[pos++] = (byte) (v >>> 8);
        }
    }

    void writeU32(long v) throws IOException {
        room(4);
        if (bigEndian) {
            buf[pos++] = (byte) (v >>> 24);
            buf[pos++] = (byte) (v >>> 16);
            buf[pos++] = (byte) (v >>> 8);
            buf[pos++] = (byte) v;
        } else {
            buf[pos++] = (byte) v;
            buf[pos++] = (byte) (v >>> 8);
            buf[pos++] = (byte) (v >>> 16);
            buf[pos++] = (byte) (v >>> 24);
        }
    }

    void writeTag(int tag) throws IOException {
        writeU16(tag >>> 16);
        writeU16(tag & 0xFFFF);
    }

    /** Two characters, always in this order whatever the byte order. */
    void writeVRCode(int code) throws IOException {
        room(2);
        buf[pos++] = (byte) (code >>> 8);
        buf[pos++] = (byte) code;
    }

    void write(byte[] b, int off, int len) throws IOException {
        if (len > buf.length - pos) {
            flushBuffer();
            if (len >= buf.length) {
                out.write(b, off, len);
                written += len;
                return;
            }
        }
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    void write(int b) throws IOException {
        room(1);
        buf[pos++] = (byte) b;
    }

    /** Hands buffered bytes to the stream, e.g. before writing to it directly. */
    void flushBuffer() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            written += pos;
            pos = 0;
        }
    }

    /** Direct access to the stream after {@link #flushBuffer()}; the caller reports what it wrote. */
    OutputStream stream() {
        return out;
    }

    void wroteDirectly(long n) {
        written += n;
    }
}
