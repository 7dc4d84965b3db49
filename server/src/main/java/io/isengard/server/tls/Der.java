package io.isengard.server.tls;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The little of ASN.1 DER that PEM private keys need: reading the
 * tag-length-value elements of a structure and writing the PKCS#8 envelope
 * around PKCS#1 and SEC1 keys. Everything else is left to the JDK.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;

    /** One element: its tag, and its content as a slice of {@code bytes}. */
    record Element(int tag, byte[] bytes, int offset, int length) {
        byte[] content() {
            byte[] c = new byte[length];
            System.arraycopy(bytes, offset, c, 0, length);
            return c;
        }

        /** The elements inside a constructed element (SEQUENCE, [0]...). */
        List<Element> children() {
            return Der.elements(bytes, offset, offset + length);
        }

        /** The dotted form of an OBJECT IDENTIFIER. */
        String oid() {
            if (tag != OID || length == 0) {
                throw new IllegalArgumentException("not an object identifier");
            }
            StringBuilder sb = new StringBuilder();
            long value = 0;
            boolean first = true;
            for (int i = offset; i < offset + length; i++) {
                int b = bytes[i] & 0xff;
                value = (value << 7) | (b & 0x7f);
                if ((b & 0x80) == 0) {
                    if (first) {
                        // The first subidentifier packs the first two arcs: 40 * a + b, with a <= 2.
                        int a = (int) Math.min(value / 40, 2);
                        sb.append(a).append('.').append(value - 40L * a);
                        first = false;
                    } else {
                        sb.append('.').append(value);
                    }
                    value = 0;
                }
            }
            return sb.toString();
        }
    }

    private Der() {}

    /** The single element that {@code der} must consist of. */
    static Element parse(byte[] der) {
        List<Element> all = elements(der, 0, der.length);
        if (all.size() != 1) {
            throw new IllegalArgumentException("expected one DER element, found " + all.size());
        }
        return all.get(0);
    }

    static List<Element> elements(byte[] b, int from, int to) {
        List<Element> out = new ArrayList<>();
        int i = from;
        while (i < to) {
            if (to - i < 2) {
                throw new IllegalArgumentException("truncated DER element");
            }
            int tag = b[i++] & 0xff;
            if ((tag & 0x1f) == 0x1f) {
                throw new IllegalArgumentException("multi-byte DER tags are not expected in a key");
            }
            int len = b[i++] & 0xff;
            if (len >= 0x80) {
                int n = len & 0x7f;
                if (n == 0 || n > 4 || to - i < n) {
                    throw new IllegalArgumentException("bad DER length");
                }
                len = 0;
                for (int k = 0; k < n; k++) {
                    len = (len << 8) | (b[i++] & 0xff);
                }
                if (len < 0) {
                    throw new IllegalArgumentException("bad DER length");
                }
            }
            if (len > to - i) {
                throw new IllegalArgumentException("DER element longer than its container");
            }
            out.add(new Element(tag, b, i, len));
            i += len;
        }
        return out;
    }

    static byte[] encode(int tag, byte[]... contents) {
        int total = 0;
        for (byte[] c : contents) {
            total += c.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(total + 6);
        out.write(tag);
        if (total < 0x80) {
            out.write(total);
        } else {
            int n = total > 0xffffff ? 4 : total > 0xffff ? 3 : total > 0xff ? 2 : 1;
            out.write(0x80 | n);
            for (int k = n - 1; k >= 0; k--) {
                out.write(total >>> (8 * k));
            }
        }
        for (byte[] c : contents) {
            out.writeBytes(c);
        }
        return out.toByteArray();
    }

    /** An element written back as it was (tag, length, content). */
    static byte[] reencode(Element e) {
        return encode(e.tag(), e.content());
    }

    static byte[] oid(String dotted) {
        String[] parts = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1; i < parts.length; i++) {
            long v = i == 1 ? Long.parseLong(parts[0]) * 40 + Long.parseLong(parts[1]) : Long.parseLong(parts[i]);
            int groups = 1;
            for (long t = v >>> 7; t != 0; t >>>= 7) {
                groups++;
            }
            for (int g = groups - 1; g >= 0; g--) {
                int septet = (int) ((v >>> (7 * g)) & 0x7f);
                out.write(g == 0 ? septet : septet | 0x80);
            }
        }
        return encode(OID, out.toByteArray());
    }

    static byte[] smallInteger(int value) {
        return encode(INTEGER, new byte[] {(byte) value});
    }
}
