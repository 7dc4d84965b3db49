package io.isengard.server.index.jdbc;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.Tag;
import io.isengard.dicom.TransferSyntax;
import io.isengard.dicom.VR;
import io.isengard.dicom.io.DicomWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Small Part 10 files made for the tests (Secondary Capture, no pixel data). */
final class TestInstances {
    private TestInstances() {}

    static byte[] instance(String patientId, String studyUid, String seriesUid, String sopUid, int instanceNumber) {
        DataSet ds = new DataSet();
        ds.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.putString(Tag.SOPInstanceUID, VR.UI, sopUid);
        ds.putString(0x00080060, VR.CS, "OT");
        ds.putString(0x00100010, VR.PN, "CONCURRENT^TEST");
        ds.putString(0x00100020, VR.LO, patientId);
        ds.putString(0x0020000D, VR.UI, studyUid);
        ds.putString(0x0020000E, VR.UI, seriesUid);
        ds.putString(0x00200013, VR.IS, Integer.toString(instanceNumber));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            DicomWriter.writeFile(out, null, ds, TransferSyntax.ExplicitVRLittleEndian);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
