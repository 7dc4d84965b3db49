package io.isengard.dicom.oracle;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Writes DICOM byte by byte, so that tests can make exactly the encodings
 * (odd lengths, disorder, duplicates, undefined lengths) that no well-behaved
 * writer would produce, including ours.
 */
final class RawDicom {
    private static final Set<String> LONG_HEADER = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC",
            "UN", "UR", "UT", "UV");
    static final long UNDEFINED = 0xFFFFFFFFL;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean explicitVR;
    private final ByteOrder order;

    private RawDicom(boolean explicitVR, ByteOrder order) {
        this.explicitVR = explicitVR;
        this.order = order;
    }

    static RawDicom explicitLittle() {
        return new RawDicom(true, ByteOrder.LITTLE_ENDIAN);
    }

    static RawDicom implicitLittle() {
        return new RawDicom(false, ByteOrder.LITTLE_ENDIAN);
    }

    static RawDicom explicitBig() {
        return new RawDicom(true, ByteOrder.BIG_ENDIAN);
    }

    /** An element with its value as given (no padding added). */
    RawDicom el(int tag, String vr, byte[] value) {
        header(tag, vr, value.length);
        out.writeBytes(value);
        return this;
    }

    RawDicom text(int tag, String vr, String value) {
        return el(tag, vr, ascii(value));
    }

    /** An element header only: for sequences, fragments, or a length that lies. */
    RawDicom header(int tag, String vr, long length) {
        tag(tag);
        if (!explicitVR) {
            u32(length);
        } else if (LONG_HEADER.contains(vr)) {
            out.writeBytes(ascii(vr));
            u16(0);
            u32(length);
        } else {
            out.writeBytes(ascii(vr));
            u16((int) length);
        }
        return this;
    }

    RawDicom item(long length) {
        tag(0xFFFEE000);
        return u32(length);
    }

    RawDicom itemEnd() {
        tag(0xFFFEE00D);
        return u32(0);
    }

    RawDicom sequenceEnd() {
        tag(0xFFFEE0DD);
        return u32(0);
    }

    RawDicom bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    RawDicom tag(int tag) {
        u16(tag >>> 16);
        return u16(tag & 0xFFFF);
    }

    RawDicom u16(int v) {
        out.writeBytes(ByteBuffer.allocate(2).order(order).putShort((short) v).array());
        return this;
    }

    RawDicom u32(long v) {
        out.writeBytes(ByteBuffer.allocate(4).order(order).putInt((int) v).array());
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] toBytes() {
        return out.toByteArray();
    }

    /** 16-bit values in this encoding's byte order. */
    byte[] shorts(int... v) {
        ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(order);
        for (int x : v) {
            b.putShort((short) x);
        }
        return b.array();
    }

    byte[] ints(long... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(order);
        for (long x : v) {
            b.putInt((int) x);
        }
        return b.array();
    }

    byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(order);
        for (float x : v) {
            b.putFloat(x);
        }
        return b.array();
    }

    byte[] doubles(double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(order);
        for (double x : v) {
            b.putDouble(x);
        }
        return b.array();
    }

    byte[] longs(long... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(order);
        for (long x : v) {
            b.putLong(x);
        }
        return b.array();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A Part 10 file: preamble, "DICM", a meta group (with its group length) for {@code tsUid}, then {@code body}. */
    static byte[] part10(String tsUid, byte[] body) {
        return part10(tsUid, body, 0);
    }

    /** {@link #part10(String, byte[])} with a (0002,0000) that counts {@code extra} bytes of the body too. */
    static byte[] part10(String tsUid, byte[] body, int extra) {
        RawDicom meta = explicitLittle()
                .el(0x00020001, "OB", new byte[] {0, 1})
                .text(0x00020002, "UI", "1.2.840.10008.5.1.4.1.1.7\0")
                .text(0x00020003, "UI", "1.2.3.4.5.6.7.8.9\0")
                .text(0x00020010, "UI", tsUid.length() % 2 == 0 ? tsUid : tsUid + "\0")
                .text(0x00020012, "UI", "1.2.3.4\0");
        RawDicom file = explicitLittle();
        file.bytes(new byte[128]).bytes(ascii("DICM"));
        file.el(0x00020000, "UL", file.ints(meta.size() + extra)).bytes(meta.toBytes()).bytes(body);
        return file.toBytes();
    }
}
