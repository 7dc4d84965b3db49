package io.isengard.dicom.io;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.TransferSyntax;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Byte-level DICOM fixtures, for inputs the writer would never produce: every
 * header field is written as given, however wrong.
 */
final class RawBytes {
    static final long UNDEFINED = 0xFFFFFFFFL;
    static final int ITEM = 0xFFFEE000;
    static final int ITEM_DELIMITER = 0xFFFEE00D;
    static final int SEQUENCE_DELIMITER = 0xFFFEE0DD;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean bigEndian;

    private RawBytes(boolean bigEndian) {
        this.bigEndian = bigEndian;
    }

    static RawBytes le() {
        return new RawBytes(false);
    }

    static RawBytes be() {
        return new RawBytes(true);
    }

    /** A Part 10 file start (preamble, "DICM", meta group as the writer makes it) for a native transfer syntax. */
    static RawBytes part10(TransferSyntax ts) {
        RawBytes b = new RawBytes(ts.bigEndian());
        b.raw(part10Header(ts));
        return b;
    }

    static byte[] part10Header(TransferSyntax ts) {
        if (ts.deflated()) {
            throw new IllegalArgumentException("the body of a deflated file is not raw bytes");
        }
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        try {
            DicomWriter.writeFile(header, part10Meta(ts), new DataSet(), ts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return header.toByteArray();
    }

    /** The meta group of {@link #part10Header}. */
    static DataSet part10Meta(TransferSyntax ts) {
        return FileMetaInformation.create("1.2.840.10008.5.1.4.1.1.7", "1.2.3.4", ts.uid(), null);
    }

    RawBytes raw(byte... bytes) {
        out.writeBytes(bytes);
        return this;
    }

    RawBytes zeros(int n) {
        return raw(new byte[n]);
    }

    RawBytes ascii(String s) {
        return raw(s.getBytes(StandardCharsets.US_ASCII));
    }

    RawBytes u16(int v) {
        return bigEndian ? raw((byte) (v >>> 8), (byte) v) : raw((byte) v, (byte) (v >>> 8));
    }

    RawBytes u32(long v) {
        return bigEndian
                ? raw((byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v)
                : raw((byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24));
    }

    RawBytes tag(int tag) {
        return u16(tag >>> 16).u16(tag & 0xFFFF);
    }

    /** An explicit VR header; the 32-bit length form for the VRs that have it (PS3.5 Table 7.1-1). */
    RawBytes explicit(int tag, String vr, long length) {
        tag(tag).ascii(vr);
        return switch (vr) {
            case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" -> u16(0).u32(length);
            default -> u16((int) length);
        };
    }

    /** An explicit VR element with its value; the length is the value's. */
    RawBytes explicit(int tag, String vr, String value) {
        return explicit(tag, vr, value.length()).ascii(value);
    }

    RawBytes implicit(int tag, long length) {
        return tag(tag).u32(length);
    }

    RawBytes item(long length) {
        return tag(ITEM).u32(length);
    }

    RawBytes itemDelimiter() {
        return tag(ITEM_DELIMITER).u32(0);
    }

    RawBytes sequenceDelimiter() {
        return tag(SEQUENCE_DELIMITER).u32(0);
    }

    int size() {
        return out.size();
    }

    byte[] toArray() {
        return out.toByteArray();
    }
}
