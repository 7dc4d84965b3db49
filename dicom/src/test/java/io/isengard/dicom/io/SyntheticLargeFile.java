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
 * than an int can count. Its pixel bytes follow a pattern (one random chunk
 * stamped with its index) so that any range can be checked without keeping it.
 */
final class SyntheticLargeFile {
    static final int CHUNK = 1 << 20;
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
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(head.toByteArray()));
            ch.write(element);
            ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            chunk.put(pattern()).flip();
            for (long i = 0; i < PIXEL_BYTES / CHUNK; i++) {
                chunk.putLong(0, i).clear();
                while (chunk.hasRemaining()) {
                    ch.write(chunk);
                }
            }
        }
        return pixelDataOffset;
    }

    /** The pixel byte at {@code index} of the pixel data, as {@link #write} made it. */
    static byte pixelByte(long index, byte[] pattern) {
        int inChunk = (int) (index % CHUNK);
        if (inChunk < 8) {
            return (byte) ((index / CHUNK) >>> (8 * inChunk));
        }
        return pattern[inChunk];
    }

    static byte[] pattern() {
        byte[] p = new byte[CHUNK];
        new Random(3221225472L).nextBytes(p);
        return p;
    }
}
