package io.isengard.dicom.charset;

import io.isengard.dicom.VR;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * TEMPORARY, until the DICOM reader lands: the raw top-level elements of a
 * Part 10 file in explicit VR little endian, which is what the character set
 * samples use. Nested sequences and encapsulated pixel data are skipped, and
 * reading stops at Pixel Data. Throws on anything else; tests then abort.
 */
final class RawElements {
    record Element(int tag, VR vr, byte[] value) {}

    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_END = 0xFFFEE00D;
    private static final int SEQUENCE_END = 0xFFFEE0DD;
    private static final int PIXEL_DATA = 0x7FE00010;
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";

    private final ByteBuffer buf;

    private RawElements(byte[] file) {
        buf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Top-level elements of the data set (file meta information excluded). */
    static List<Element> read(byte[] file) {
        RawElements r = new RawElements(file);
        boolean part10 = file.length > 132
                && new String(file, 128, 4, StandardCharsets.US_ASCII).equals("DICM");
        r.buf.position(part10 ? 132 : 0);
        List<Element> all = new ArrayList<>();
        while (r.buf.remaining() >= 8) {
            Element e = r.next();
            if (e == null) {
                break;
            }
            all.add(e);
        }
        List<Element> dataSet = new ArrayList<>();
        for (Element e : all) {
            if (e.tag() == 0x00020010) {
                String ts = new String(e.value(), StandardCharsets.US_ASCII).replace("\0", "").strip();
                // Encapsulated syntaxes (JPEG...) are explicit VR little endian outside pixel data.
                if (ts.equals("1.2.840.10008.1.2") || ts.equals("1.2.840.10008.1.2.2")) {
                    throw new IllegalStateException("transfer syntax " + ts + " is not supported; need " + EXPLICIT_LE);
                }
            } else if ((e.tag() >>> 16) != 0x0002) {
                dataSet.add(e);
            }
        }
        return dataSet;
    }

    /** The next element with its value, or null at Pixel Data. */
    private Element next() {
        int tag = readTag();
        if (tag == PIXEL_DATA) {
            return null;
        }
        VR vr = VR.ofName(new String(new byte[] {buf.get(), buf.get()}, StandardCharsets.US_ASCII));
        if (vr == null) {
            throw new IllegalStateException("not explicit VR at " + Integer.toHexString(tag));
        }
        long length;
        if (vr.hasLongHeader()) {
            buf.getShort();
            length = buf.getInt() & 0xFFFFFFFFL;
        } else {
            length = buf.getShort() & 0xFFFF;
        }
        if (length == 0xFFFFFFFFL) {
            skipUndefinedSequence();
            return new Element(tag, vr, new byte[0]);
        }
        byte[] value = new byte[(int) length];
        buf.get(value);
        return new Element(tag, vr, value);
    }

    private void skipUndefinedSequence() {
        while (true) {
            int tag = readTag();
            long length = buf.getInt() & 0xFFFFFFFFL;
            if (tag == SEQUENCE_END) {
                return;
            }
            if (tag != ITEM) {
                throw new IllegalStateException("expected an item, found " + Integer.toHexString(tag));
            }
            if (length != 0xFFFFFFFFL) {
                buf.position(buf.position() + (int) length);
                continue;
            }
            while (true) {
                int mark = buf.position();
                if (readTag() == ITEM_END) {
                    buf.getInt();
                    break;
                }
                buf.position(mark);
                next();
            }
        }
    }

    private int readTag() {
        int group = buf.getShort() & 0xFFFF;
        int element = buf.getShort() & 0xFFFF;
        return (group << 16) | element;
    }
}
