package io.isengard.dicom.io;

import io.isengard.dicom.BulkData;
import io.isengard.dicom.DataSet;
import io.isengard.dicom.Fragments;
import io.isengard.dicom.Sequence;
import io.isengard.dicom.Tag;
import io.isengard.dicom.TransferSyntax;
import io.isengard.dicom.VR;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes data sets, streaming: Part 10 files (preamble, "DICM", meta group)
 * or bare data sets, in any native transfer syntax or deflated; encapsulated
 * pixel data is written through unchanged. Sequences and items are written
 * with undefined length, values padded to even length, group length
 * elements recomputed.
 */
public final class DicomWriter {
    private static final long UNDEFINED = 0xFFFFFFFFL;

    private DicomWriter() {}

    /**
     * Writes a Part 10 file. {@code meta} may be null: one is made from the data
     * set; if given, its Transfer Syntax UID is set to {@code ts}.
     */
    public static void writeFile(OutputStream out, DataSet meta, DataSet dataSet, TransferSyntax ts)
            throws IOException {
        DataSet m = meta != null ? meta : FileMetaInformation.create(dataSet, ts.uid());
        if (meta != null) {
            m.putString(Tag.TransferSyntaxUID, VR.UI, ts.uid());
        }
        DicomOutput o = new DicomOutput(out);
        o.write(new byte[128], 0, 128);
        o.write(new byte[] {'D', 'I', 'C', 'M'}, 0, 4);
        writeMetaGroup(o, m);
        o.flushBuffer();
        writeBody(out, o, dataSet, ts);
    }

    /** Writes a bare data set (no preamble, no meta group), as DIMSE does. */
    public static void writeDataSet(OutputStream out, DataSet dataSet, TransferSyntax ts) throws IOException {
        writeBody(out, new DicomOutput(out), dataSet, ts);
    }

    private static void writeBody(OutputStream out, DicomOutput o, DataSet dataSet, TransferSyntax ts)
            throws IOException {
        if (ts.deflated()) {
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            try {
                DeflaterOutputStream z = new DeflaterOutputStream(NonClosing.of(out), deflater, 64 * 1024);
                DicomOutput d = new DicomOutput(z);
                new Encoder(d, ts).writeDataSet(dataSet);
                d.flushBuffer();
                z.finish();
                z.flush();
            } finally {
                deflater.end();
            }
        } else {
            new Encoder(o, ts).writeDataSet(dataSet);
            o.flushBuffer();
            out.flush();
        }
    }

    private static void writeMetaGroup(DicomOutput o, DataSet meta) throws IOException {
        o.bigEndian(false);
        Encoder e = new Encoder(o, TransferSyntax.ExplicitVRLittleEndian);
        long groupLength = 0;
        for (int i = 0; i < meta.size(); i++) {
            if (meta.tagAt(i) != Tag.FileMetaInformationGroupLength) {
                groupLength += EncodedLength.ofElement(meta.tagAt(i), meta.vrAt(i), meta.valueAt(i),
                        TransferSyntax.ExplicitVRLittleEndian);
            }
        }
        e.writeHeader(Tag.FileMetaInformationGroupLength, VR.UL, 4);
        o.writeU32(groupLength);
        for (int i = 0; i < meta.size(); i++) {
            if (meta.tagAt(i) != Tag.FileMetaInformationGroupLength) {
                e.writeElement(meta, i);
            }
        }
    }

    /** Encodes elements of one transfer syntax. */
    private static final class Encoder {
        private final DicomOutput o;
        private final TransferSyntax ts;

        Encoder(DicomOutput o, TransferSyntax ts) {
            this.o = o;
            this.ts = ts;
            o.bigEndian(ts.bigEndian());
        }

        void writeDataSet(DataSet ds) throws IOException {
            for (int i = 0; i < ds.size(); i++) {
                if (Tag.isGroupLength(ds.tagAt(i))) {
                    writeGroupLength(ds, i);
                } else {
                    writeElement(ds, i);
                }
            }
        }

        private void writeGroupLength(DataSet ds, int index) throws IOException {
            int group = Tag.group(ds.tagAt(index));
            long length = 0;
            for (int i = index + 1; i < ds.size() && Tag.group(ds.tagAt(i)) == group; i++) {
                length += EncodedLength.ofElement(ds.tagAt(i), ds.vrAt(i), ds.valueAt(i), ts);
            }
            writeHeader(ds.tagAt(index), VR.UL, 4);
            o.writeU32(length);
        }

        void writeElement(DataSet ds, int i) throws IOException {
            int tag = ds.tagAt(i);
            VR vr = ds.vrAt(i);
            Object value = ds.valueAt(i);
            if (value instanceof Sequence s) {
                writeSequence(tag, s);
            } else if (value instanceof Fragments f) {
                writeFragments(tag, f);
            } else {
                long length = EncodedLength.valueLength(value);
                if (ts.explicitVR() && !vr.hasLongHeader() && length > 0xFFFF) {
                    throw new IOException("element " + Tag.toString(tag) + " (" + vr + ") has " + length
                            + " bytes, more than the 65534 that its VR's explicit header can say");
                }
                writeHeader(tag, vr, EncodedLength.even(length));
                writeValue(tag, vr, value);
            }
        }

        void writeHeader(int tag, VR vr, long length) throws IOException {
            o.writeTag(tag);
            if (!ts.explicitVR()) {
                o.writeU32(length);
            } else if (vr.hasLongHeader()) {
                o.writeVRCode(vr.code());
                o.writeU16(0);
                o.writeU32(length);
            } else {
                o.writeVRCode(vr.code());
                o.writeU16((int) length);
            }
        }

        private void writeSequence(int tag, Sequence s) throws IOException {
            writeHeader(tag, VR.SQ, UNDEFINED);
            for (DataSet item : s) {
                o.writeTag(Tag.Item);
                o.writeU32(UNDEFINED);
                writeDataSet(item);
                o.writeTag(Tag.ItemDelimitationItem);
                o.writeU32(0);
            }
            o.writeTag(Tag.SequenceDelimitationItem);
            o.writeU32(0);
        }

        private void writeFragments(int tag, Fragments f) throws IOException {
            if (!ts.encapsulated()) {
                throw new IOException("encapsulated pixel data can't be written as " + ts.uid()
                        + " without decompressing it, which the codec does not do; write it in its own transfer syntax");
            }
            writeHeader(tag, VR.OB, UNDEFINED); // PS3.5 A.4, whatever VR the data set holds
            for (Object item : f.items()) {
                long length = EncodedLength.valueLength(item);
                o.writeTag(Tag.Item);
                o.writeU32(EncodedLength.even(length));
                writeValue(tag, VR.OB, item);
            }
            o.writeTag(Tag.SequenceDelimitationItem);
            o.writeU32(0);
        }

        private void writeValue(int tag, VR vr, Object value) throws IOException {
            int unit = vr.swapUnit();
            byte padding = vr.paddingByte();
            if (value instanceof byte[] b) {
                if (o.bigEndian() && unit > 1) {
                    // Padded before swapping: the padding byte is the high byte of the last number in memory.
                    byte[] swapped = Arrays.copyOf(b, b.length + (b.length & 1));
                    if ((b.length & 1) == 1) {
                        swapped[b.length] = padding;
                    }
                    ByteSwap.swap(swapped, unit);
                    o.write(swapped, 0, swapped.length);
                } else {
                    o.write(b, 0, b.length);
                    if ((b.length & 1) == 1) {
                        o.write(padding);
                    }
                }
            } else {
                BulkData bulk = (BulkData) value;
                copyBulk(tag, bulk, unit > 1 && bulk.bigEndian() != o.bigEndian() ? unit : 1, padding);
            }
        }

        /** Copies a value from its source, swapping its numbers if asked, and pads it to even length. */
        private void copyBulk(int tag, BulkData bulk, int swapUnit, byte padding) throws IOException {
            if (bulk.source() == null) {
                throw new IOException("the value of " + Tag.toString(tag)
                        + " was not read (header-only parsing of a stream) and can't be written");
            }
            boolean odd = (bulk.length() & 1) == 1;
            o.flushBuffer();
            try (FileChannel in = FileChannel.open(bulk.source(), StandardOpenOption.READ)) {
                if (in.size() < bulk.offset() + bulk.length()) {
                    throw new IOException("the value of " + Tag.toString(tag) + " refers to bytes "
                            + bulk.offset() + "+" + bulk.length() + " of " + bulk.source() + ", which is shorter");
                }
                OutputStream out = o.stream();
                if (swapUnit == 1) {
                    WritableByteChannel ch = out instanceof FileOutputStream f ? f.getChannel() : Channels.newChannel(out);
                    long done = 0;
                    while (done < bulk.length()) {
                        done += in.transferTo(bulk.offset() + done, bulk.length() - done, ch);
                    }
                    o.wroteDirectly(bulk.length());
                    if (odd) {
                        o.write(padding);
                    }
                    return;
                }
                // Chunks are a multiple of every swap unit, so only the last one may end with a partial number;
                // the padding byte ends the little endian form, so it goes in before swapping to big endian
                // and after swapping from it, as the reader (which swaps the bytes as read) expects.
                ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
                long done = 0;
                while (done < bulk.length()) {
                    int n = (int) Math.min(buf.capacity(), bulk.length() - done);
                    buf.clear().limit(n);
                    while (buf.hasRemaining()) {
                        if (in.read(buf, bulk.offset() + done + buf.position()) <= 0) {
                            throw new IOException("unexpected end of " + bulk.source());
                        }
                    }
                    byte[] a = buf.array();
                    boolean pad = odd && done + n == bulk.length(); // n is odd, so less than the capacity
                    if (pad && !bulk.bigEndian()) {
                        a[n++] = padding;
                        ByteSwap.swap(a, 0, n, swapUnit);
                    } else {
                        ByteSwap.swap(a, 0, n, swapUnit);
                        if (pad) {
                            a[n++] = padding;
                        }
                    }
                    out.write(a, 0, n);
                    done += buf.limit();
                }
                o.wroteDirectly(bulk.length() + (odd ? 1 : 0));
            }
        }
    }

    /** Keeps a deflater's finish() from closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        private NonClosing(OutputStream out) {
            super(out);
        }

        static OutputStream of(OutputStream out) {
            return new NonClosing(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
