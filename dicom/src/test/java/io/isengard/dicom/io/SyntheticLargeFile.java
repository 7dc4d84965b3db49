package io.isengard.dicom.io;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.Tag;
import io.isengard.dicom.TransferSyntax;
import io.isengard.dicom.VR;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

/**
 * A Part 10 file, explicit VR little endian, whose native PixelData is larger
 * than an int can count. The pixel data is mostly a hole (the file is sparse,
 * so making it costs no disk time) with a stamp every {@link #STRIDE} bytes
 * and at the end: random bytes led by the stamp's index, so that a copy that
 * loses, moves or zeroes bytes shows in its checksum, and any range can be
 * checked against {@link #pixelByte} without keeping the file in memory.
 */
final class SyntheticLargeFile {
    static final long STRIDE = 16L << 20;
    static final int STAMP = 4096;
    static final int ROWS = 512;
    static final int COLUMNS = 512;
    static final int FRAMES = 6144;
    /** 512 × 512 × 2 bytes × 6144 frames = 3 GiB. */
    static final long PIXEL_BYTES = (long) ROWS * COLUMNS * 2 * FRAMES;
    static final String SOP_INSTANCE_UID = "1.2.826.0.1.3680043.2.1125.3221225472";
    static final String PATIENT_NAME = "Large^Three^Gibibytes";

    private SyntheticLargeFile() {}

    static DataSet header() {
        DataSet ds = new DataSet();
        ds.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.putString(Tag.SOPInstanceUID, VR.UI, SOP_INSTANCE_UID);
        ds.putString(0x00100010, VR.PN, PATIENT_NAME);
        ds.putString(0x00100020, VR.LO, "3GIB");
        ds.putInts(0x00280002, VR.US, 1);
        ds.putString(0x00280004, VR.CS, "MONOCHROME2");
        ds.putString(0x00280008, VR.IS, Integer.toString(FRAMES));
        ds.putInts(0x00280010, VR.US, ROWS);
        ds.putInts(0x00280011, VR.US, COLUMNS);
        ds.putInts(0x00280100, VR.US, 16);
        ds.putInts(0x00280101, VR.US, 16);
        ds.putInts(0x00280102, VR.US, 15);
        ds.putInts(0x00280103, VR.US, 0);
        return ds;
    }

    /** Writes the file; returns the offset of the PixelData element's tag. */
    static long write(Path file) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        DicomWriter.writeFile(head, null, header(), TransferSyntax.ExplicitVRLittleEndian);
        long pixelDataOffset = head.size();
        ByteBuffer element = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        element.putShort((short) 0x7FE0).putShort((short) 0x0010).put((byte) 'O').put((byte) 'W').putShort((short) 0)
                .putInt((int) PIXEL_BYTES).flip();
        long pixelStart = pixelDataOffset + 12;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE)) {
            writeFully(ch, ByteBuffer.wrap(head.toByteArray()), 0);
            writeFully(ch, element, pixelDataOffset);
            byte[] pattern = pattern();
            for (long at : stampStarts()) {
                byte[] stamp = new byte[STAMP];
                for (int i = 0; i < STAMP; i++) {
                    stamp[i] = pixelByte(at + i, pattern);
                }
                writeFully(ch, ByteBuffer.wrap(stamp), pixelStart + at);
            }
        }
        return pixelDataOffset;
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        while (b.hasRemaining()) {
            position += ch.write(b, position);
        }
    }

    /** Offsets in the pixel data of the stamps: every {@link #STRIDE} bytes, and the last {@link #STAMP} bytes. */
    static long[] stampStarts() {
        int n = (int) (PIXEL_BYTES / STRIDE);
        long[] starts = new long[n + 1];
        for (int k = 0; k < n; k++) {
            starts[k] = k * STRIDE;
        }
        starts[n] = PIXEL_BYTES - STAMP;
        return starts;
    }

    /** The pixel byte at {@code index} of the pixel data, as {@link #write} made it. */
    static byte pixelByte(long index, byte[] pattern) {
        boolean last = index >= PIXEL_BYTES - STAMP;
        long inStamp = last ? index - (PIXEL_BYTES - STAMP) : index % STRIDE;
        if (inStamp >= STAMP) {
            return 0;
        }
        long stamp = last ? -1 : index / STRIDE;
        return inStamp < 8 ? (byte) (stamp >>> (8 * inStamp)) : pattern[(int) inStamp];
    }

    static byte[] pattern() {
        byte[] p = new byte[STAMP];
        new Random(3221225472L).nextBytes(p);
        return p;
    }
}
