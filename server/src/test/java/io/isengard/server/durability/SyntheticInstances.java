package io.isengard.server.durability;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.Tag;
import io.isengard.dicom.VR;
import io.isengard.dicom.io.DicomFile;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.DicomWriter;
import io.isengard.dicom.io.ReadOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Distinct DICOM files made from one template: instance {@code n} gets its
 * own SOP Instance UID, and a series (ten instances each), study and patient
 * that depend on {@code n}, so that concurrent uploads create resources at
 * every level. The same {@code n} always gives the same bytes, so a test can
 * keep numbers instead of files and compare what a server gives back.
 */
final class SyntheticInstances {
    private static final String ROOT = "1.2.826.0.1.3680043.10.1307.";
    private static final int SERIES_INSTANCE_UID = 0x0020000E;
    private static final int STUDY_INSTANCE_UID = 0x0020000D;
    private static final int PATIENT_ID = 0x00100020;

    private final byte[] template;
    private final long run;

    /** {@code run} makes the UIDs of this test run unlike those of any other. */
    SyntheticInstances(Path templateFile, long run) throws IOException {
        this.template = Files.readAllBytes(templateFile);
        this.run = run;
    }

    byte[] instance(int n) {
        DicomFile parsed;
        try {
            // Parsed afresh each time: the codec's data sets have no deep copy.
            parsed = DicomReader.read(new ByteArrayInputStream(template), ReadOptions.DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DataSet ds = parsed.dataSet();
        DataSet meta = parsed.meta();
        String sop = ROOT + run + "." + n;
        ds.putString(Tag.SOPInstanceUID, VR.UI, sop);
        meta.putString(Tag.MediaStorageSOPInstanceUID, VR.UI, sop);
        ds.putString(SERIES_INSTANCE_UID, VR.UI, ROOT + run + ".1." + n / 10);
        ds.putString(STUDY_INSTANCE_UID, VR.UI, ROOT + run + ".2." + n / 40);
        ds.putString(PATIENT_ID, VR.LO, "KILL9-" + run + "-" + n / 80);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        try {
            DicomWriter.writeFile(out, meta, ds, parsed.transferSyntax());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
