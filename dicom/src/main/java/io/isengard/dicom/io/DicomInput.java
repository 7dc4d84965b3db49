package io.isengard.dicom.io;

import io.isengard.dicom.DicomParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Buffered reading of DICOM primitives from a stream, counting the byte
 * offset so that every error can say where it happened. Knows the number of
 * bytes left when the source does (a file), so that a length read from the
 * input is checked before anything is allocated for it.
 */
final class DicomInput {
    /** Values up to this size are allocated at once; larger ones grow as their bytes arrive. */
    private static final int DIRECT_ALLOCATION_LIMIT = 1 << 16;

    /** The first read asks for this much: the header of a typical image fits, and header-only reading needs no more. */
    private static final int FIRST_READ = 4096;

    private final InputStream in;
    private final long size;
    /**
     * Grows with {@link #readAhead} up to {@link #maxBuffer}: allocating 16 KiB
     * to read a 1 KiB header cost more than parsing it.
     */
    private byte[] buf;
    private final int maxBuffer;
    /** What the next read asks for, doubling up to the buffer's size: asking for more costs a copy of more. */
    private int readAhead;
    private int pos;
    private int limit;
    private long consumed; // bytes of the source before buf[0]
    private boolean bigEndian;

    /**
     * @param size bytes the source holds from here, or -1 if unknown
     */
    DicomInput(InputStream in, long size, int bufferSize) {
        this.in = in;
        this.size = size;
        this.maxBuffer = bufferSize;
        this.readAhead = Math.min(FIRST_READ, bufferSize);
        this.buf = new byte[readAhead];
    }

    void bigEndian(boolean bigEndian) {
        this.bigEndian = bigEndian;
    }

    boolean bigEndian() {
        return bigEndian;
    }

    /** Offset of the next byte in the source. */
    long position() {
        return consumed + pos;
    }

    /** Bytes left in the source, or -1 if unknown. */
    long remaining() {
        return size < 0 ? -1 : size - position();
    }

    /** Tries to have {@code n} bytes in the buffer; returns how many are there (fewer only at end of input). */
    int fill(int n) throws IOException {
        if (limit - pos >= n) {
            return limit - pos;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            consumed += pos;
            limit -= pos;
            pos = 0;
        }
        while (limit < n) {
            int r = readIntoBuffer(limit, n - limit);
            if (r < 0) {
                break;
            }
            limit += r;
        }
        return limit - pos;
    }

    /** Reads at least one byte (unless at end of input) of the {@code needed} at {@code buf[off]}, and maybe more. */
    private int readIntoBuffer(int off, int needed) throws IOException {
        int want = Math.max(needed, readAhead);
        if (off + want > buf.length && buf.length < maxBuffer) {
            buf = Arrays.copyOf(buf, Math.min(maxBuffer, Math.max(2 * buf.length, off + want)));
        }
        int r = in.read(buf, off, Math.min(buf.length - off, want));
        readAhead = Math.min(maxBuffer, readAhead * 2);
        return r;
    }

    /** True if no byte is left. */
    boolean atEnd() throws IOException {
        return fill(1) == 0;
    }

    private void require(int n, String what) throws IOException {
        if (fill(n) < n) {
            throw new DicomParseException(position(),
                    "unexpected end of input: expected " + n + " bytes of " + what + ", " + (limit - pos) + " left");
        }
    }

    /** Looks at byte {@code i} ahead without consuming it; -1 at end of input. */
    int peek(int i) throws IOException {
        return fill(i + 1) > i ? buf[pos + i] & 0xFF : -1;
    }

    int readU16(String what) throws IOException {
        require(2, what);
        int v = bigEndian
                ? ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF)
                : (buf[pos] & 0xFF) | ((buf[pos + 1] & 0xFF) << 8);
        pos += 2;
        return v;
    }

    long readU32(String what) throws IOException {
        require(4, what);
        long v = bigEndian
                ? ((buf[pos] & 0xFFL) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8)
                        | (buf[pos + 3] & 0xFF)
                : (buf[pos] & 0xFF) | ((buf[pos + 1] & 0xFF) << 8) | ((buf[pos + 2] & 0xFF) << 16)
                        | ((buf[pos + 3] & 0xFFL) << 24);
        pos += 4;
        return v;
    }

    /**
     * A tag: group then element, each in the current byte order. The four
     * bytes are required at once, so that a tag cut short is reported where it
     * starts, not halfway.
     */
    int readTag() throws IOException {
        require(4, "a tag");
        int group = readU16("a tag");
        int element = readU16("a tag");
        return (group << 16) | element;
    }

    /** Two bytes as a big-endian number (VR codes are characters, not numbers). */
    int readVRCode() throws IOException {
        require(2, "a VR");
        int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    void readFully(byte[] dst, int off, int len) throws IOException {
        int copied = 0;
        while (copied < len) {
            if (pos == limit) {
                consumed += limit;
                pos = 0;
                limit = 0;
                if (len - copied >= maxBuffer) {
                    // Large reads bypass the buffer.
                    int r = in.read(dst, off + copied, len - copied);
                    if (r < 0) {
                        throw truncated(len, copied);
                    }
                    consumed += r;
                    copied += r;
                    continue;
                }
                int r = readIntoBuffer(0, len - copied);
                if (r < 0) {
                    throw truncated(len, copied);
                }
                limit = r;
            }
            int n = Math.min(limit - pos, len - copied);
            System.arraycopy(buf, pos, dst, off + copied, n);
            pos += n;
            copied += n;
        }
    }

    private DicomParseException truncated(int len, int copied) {
        return new DicomParseException(position(),
                "unexpected end of input: a value of " + len + " bytes has only " + copied);
    }

    /**
     * Reads a value of {@code length} bytes. Where the source size is known the
     * length is checked first; where it is not, the array grows as bytes
     * arrive, so that a forged length cannot make us allocate.
     */
    byte[] readBytes(long length, Supplier<String> what) throws IOException {
        checkAvailable(length, what);
        if (length > Integer.MAX_VALUE - 8) {
            throw new DicomParseException(position(), what.get() + " has " + length
                    + " bytes, too many to hold in memory; read it as a bulk data reference");
        }
        int len = (int) length;
        if (len <= DIRECT_ALLOCATION_LIMIT || size >= 0) {
            byte[] b = new byte[len];
            readFully(b, 0, len);
            return b;
        }
        // Bytes the source already holds (a byte array, a buffered upload) are no forged promise: allocate for
        // them at once rather than growing through copies.
        long present = (limit - pos) + (long) in.available();
        byte[] b = new byte[(int) Math.min(len, Math.max(DIRECT_ALLOCATION_LIMIT, present))];
        int have = 0;
        while (have < len) {
            if (have == b.length) {
                b = Arrays.copyOf(b, (int) Math.min(len, (long) b.length * 2));
            }
            int n = b.length - have;
            readFully(b, have, n);
            have += n;
        }
        return b;
    }

    /**
     * Fails if the source is known to hold fewer than {@code length} more bytes.
     * {@code what} names the value for the message; it is a supplier because
     * building that text for every element costs more than parsing it.
     */
    void checkAvailable(long length, Supplier<String> what) throws DicomParseException {
        long left = remaining();
        if (left >= 0 && length > left) {
            throw new DicomParseException(position(), what.get() + " has a length of " + length
                    + " bytes but only " + left + " bytes are left in the input");
        }
    }

    void skip(long n, Supplier<String> what) throws IOException {
        checkAvailable(n, what);
        long left = n;
        int inBuf = Math.min(limit - pos, (int) Math.min(left, Integer.MAX_VALUE));
        pos += inBuf;
        left -= inBuf;
        if (left == 0) {
            return;
        }
        consumed += limit;
        pos = 0;
        limit = 0;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new DicomParseException(position(), "unexpected end of input while skipping " + what.get());
                }
                s = 1;
            }
            consumed += s;
            left -= s;
        }
    }

    /** The rest of the source, buffered bytes first (to hand it to an inflater). */
    InputStream rest() {
        InputStream head = new ByteArrayInputStream(buf, pos, limit - pos);
        consumed += limit;
        pos = 0;
        limit = 0;
        return new SequenceInputStream(head, in);
    }
}
