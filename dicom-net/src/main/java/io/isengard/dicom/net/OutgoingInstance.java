package io.isengard.dicom.net;

import io.isengard.dicom.Tag;
import io.isengard.dicom.TransferSyntax;
import io.isengard.dicom.io.DicomFile;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.DicomWriter;
import io.isengard.dicom.io.ReadOptions;
import io.isengard.dicom.net.dimse.PDataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file about to be sent in a C-STORE: its SOP class and instance, the
 * accepted presentation context chosen for it and how its data set is
 * written (raw from the file, or converted between uncompressed syntaxes).
 */
record OutgoingInstance(int presentationContextId, String sopClassUid, String sopInstanceUid, DataSetSource source) {
    /** Values above this stay in the file when converting, and stream from it. */
    private static final long BULK_DATA_THRESHOLD = 64 * 1024;

    static OutgoingInstance prepare(Association association, Path file) throws IOException {
        DicomFile header = DicomReader.read(file, ReadOptions.HEADER_ONLY);
        String sopClass = header.meta().string(Tag.MediaStorageSOPClassUID, header.dataSet().string(Tag.SOPClassUID));
        String sopInstance = header.meta().string(Tag.MediaStorageSOPInstanceUID,
                header.dataSet().string(Tag.SOPInstanceUID));
        if (sopClass == null || sopInstance == null) {
            throw new IOException(file + " has no SOP Class UID or SOP Instance UID: it cannot be sent by C-STORE");
        }
        TransferSyntax fileTs = header.transferSyntax();
        int pc = association.acceptedContext(sopClass, fileTs.uid());
        if (pc > 0) {
            long offset = header.dataSetOffset();
            return new OutgoingInstance(pc, sopClass, sopInstance, out -> copy(file, offset, out));
        }
        if (fileTs.isNative()) {
            for (String ts : PresentationContexts.UNCOMPRESSED) {
                pc = association.acceptedContext(sopClass, ts);
                if (pc > 0) {
                    TransferSyntax target = TransferSyntax.of(ts);
                    return new OutgoingInstance(pc, sopClass, sopInstance, out -> {
                        DicomFile full = DicomReader.read(file,
                                ReadOptions.DEFAULT.withBulkDataThreshold(BULK_DATA_THRESHOLD));
                        DicomWriter.writeDataSet(out, full.dataSet(), target);
                    });
                }
            }
        }
        throw new Scu.NoPresentationContextException(association + ": no accepted presentation context for "
                + sopClass + " in " + fileTs.uid() + (fileTs.isNative() ? " or an uncompressed transfer syntax" : "")
                + " (file " + file + ")");
    }

    private static void copy(Path file, long offset, OutputStream out) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.position(offset);
            long length = ch.size() - offset;
            if (out instanceof PDataOutputStream pdata) {
                pdata.transferFrom(ch, length);
            } else {
                try (InputStream in = Channels.newInputStream(ch)) {
                    in.transferTo(out);
                }
            }
        }
    }
}
