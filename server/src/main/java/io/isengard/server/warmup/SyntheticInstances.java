package io.isengard.server.warmup;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.Tag;
import io.isengard.dicom.TransferSyntax;
import io.isengard.dicom.VR;
import io.isengard.dicom.io.DicomWriter;
import io.isengard.dicom.io.FileMetaInformation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * CT images made from nothing (no sample file ships with the server): the
 * warm-up stores them, so they look like what scanners send — the usual
 * patient, study, series and image tags, 16-bit pixel data of a given size.
 */
final class SyntheticInstances {
    private static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    // A UID root of our own (UUID-derived, PS3.5 §B.2) so warm-up data never collides with real data.
    private static final String ROOT = "2.25.297342781936617745262733135640187231";

    private final String run;

    SyntheticInstances(long run) {
        this.run = Long.toString(run);
    }

    /** Instance {@code n} of 4 patients × 2 studies × 2 series × 5 images, {@code columns}² pixels. */
    byte[] instance(int n, int columns) {
        int series = n / 5;
        int study = series / 2;
        int patient = study / 2;
        DataSet ds = new DataSet();
        ds.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        put(ds, 0x00080008, "ORIGINAL", "PRIMARY", "AXIAL");
        ds.putString(Tag.SOPClassUID, VR.UI, CT_IMAGE_STORAGE);
        ds.putString(Tag.SOPInstanceUID, VR.UI, uid(4, n));
        put(ds, 0x00080020, "20260101");
        put(ds, 0x00080030, "120000");
        put(ds, 0x00080050, "WARMUP" + study);
        put(ds, 0x00080060, "CT");
        put(ds, 0x00080070, "Isengard");
        put(ds, 0x00081030, "Warm-up study " + study);
        put(ds, 0x0008103E, "Warm-up series " + series);
        put(ds, 0x00100010, "WARMUP^PATIENT" + patient);
        put(ds, 0x00100020, "WARMUP-" + run + "-" + patient);
        put(ds, 0x00100030, "19700101");
        put(ds, 0x00100040, "O");
        put(ds, 0x0020000D, uid(2, study));
        put(ds, 0x0020000E, uid(3, series));
        put(ds, 0x00200010, Integer.toString(study));
        put(ds, 0x00200011, Integer.toString(series));
        put(ds, 0x00200013, Integer.toString(n % 5 + 1));
        put(ds, 0x00200032, "0", "0", Integer.toString(n % 5));
        put(ds, 0x00200037, "1", "0", "0", "0", "1", "0");
        ds.putInts(0x00280002, VR.US, 1);
        put(ds, 0x00280004, "MONOCHROME2");
        ds.putInts(0x00280010, VR.US, columns);
        ds.putInts(0x00280011, VR.US, columns);
        put(ds, 0x00280030, "0.5", "0.5");
        ds.putInts(0x00280100, VR.US, 16);
        ds.putInts(0x00280101, VR.US, 12);
        ds.putInts(0x00280102, VR.US, 11);
        ds.putInts(0x00280103, VR.US, 0);
        byte[] pixels = new byte[columns * columns * 2];
        for (int i = 0; i < pixels.length; i += 2) {
            pixels[i] = (byte) (i * 31 + n);
        }
        ds.put(Tag.PixelData, VR.OW, pixels);
        ByteArrayOutputStream out = new ByteArrayOutputStream(pixels.length + 4096);
        try {
            DicomWriter.writeFile(out, FileMetaInformation.create(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), ds,
                    TransferSyntax.ExplicitVRLittleEndian);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private String uid(int level, int n) {
        return ROOT + "." + run + "." + level + "." + n;
    }

    private static void put(DataSet ds, int tag, String... values) {
        ds.putString(tag, io.isengard.dicom.dictionary.ElementDictionary.vrOf(tag), values);
    }
}
