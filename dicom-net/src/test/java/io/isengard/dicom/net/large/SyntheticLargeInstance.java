package io.isengard.dicom.net.large;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.Tag;
import io.isengard.dicom.TransferSyntax;
import io.isengard.dicom.VR;
import io.isengard.dicom.io.DicomWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Secondary Capture instance of 32768 × 32768 16-bit pixels: 2 GiB of
 * pixel data (2^31 bytes: one more than an int can count), written
 * streaming in explicit VR little endian; the pixel bytes are a counter
 * pattern, so that any shifted or lost block shows.
 */
final class SyntheticLargeInstance {
    static final long PIXEL_BYTES = 32768L * 32768L * 2L;
    static final String SOP_INSTANCE_UID = "2.25.314159265358979323846264338327950288";

    private SyntheticLargeInstance() {}

    static DataSet header() {
        DataSet ds = new DataSet();
        ds.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.putString(Tag.SOPInstanceUID, VR.UI, SOP_INSTANCE_UID);
        ds.putString(0x00100010, VR.PN, "LARGE^INSTANCE");
        ds.putString(0x00100020, VR.LO, "LARGE");
        ds.putString(0x0020000D, VR.UI, "2.25.1");
        ds.putString(0x0020000E, VR.UI, "2.25.2");
        ds.putInts(0x00280002, VR.US, 1);
        ds.putString(0x00280004, VR.CS, "MONOCHROME2");
        ds.putInts(0x00280010, VR.US, 32768);
        ds.putInts(0x00280011, VR.US, 32768);
        ds.putInts(0x00280100, VR.US, 16);
        ds.putInts(0x00280101, VR.US, 16);
        ds.putInts(0x00280102, VR.US, 15);
        ds.putInts(0x00280103, VR.US, 0);
        return ds;
    }

    /** The pixel byte at an offset: a counter of 8-byte words, little endian. */
    static byte pixelByte(long offset) {
        return (byte) ((offset >>> 3) >>> ((offset & 7) * 8));
    }

    static void write(Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            DicomWriter.writeFile(out, null, header(), TransferSyntax.ExplicitVRLittleEndian);
            // (7FE0,0010) OW, reserved, 32-bit length; then the values.
            out.write(new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'W', 0, 0});
            long n = PIXEL_BYTES;
            out.write(new byte[] {(byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)});
            byte[] chunk = new byte[1 << 20];
            for (long done = 0; done < n; done += chunk.length) {
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = pixelByte(done + i);
                }
                out.write(chunk);
            }
        }
    }
}
