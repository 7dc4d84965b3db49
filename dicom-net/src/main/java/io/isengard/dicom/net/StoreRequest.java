package io.isengard.dicom.net;

import io.isengard.dicom.io.DicomWriter;
import io.isengard.dicom.io.FileMetaInformation;
import io.isengard.dicom.net.dimse.Command;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An incoming C-STORE: the command, the negotiated transfer syntax and the
 * data set as a stream that reads from the connection as it is consumed.
 */
public record StoreRequest(Association association, int presentationContextId, Command command,
        String transferSyntaxUid, InputStream dataSet) {

    public String sopClassUid() {
        return command.string(Command.AffectedSOPClassUID);
    }

    public String sopInstanceUid() {
        return command.string(Command.AffectedSOPInstanceUID);
    }

    /** Move Originator AE title (0000,1030) when this store is a C-MOVE sub-operation, else null. */
    public String moveOriginatorAeTitle() {
        return command.string(Command.MoveOriginatorApplicationEntityTitle);
    }

    /**
     * Writes the instance as a Part 10 file: a meta group (SOP class and
     * instance from the command, the context's transfer syntax, the sender's
     * AE title as source) then the data set bytes, copied as they arrive.
     * Returns the number of data set bytes.
     */
    public long writePart10(OutputStream out) throws IOException {
        // The data set is empty here, so the body encoding does not matter: only the meta group is written,
        // with the context's transfer syntax UID (deflated ones included), and the body is copied as received.
        io.isengard.dicom.TransferSyntax metaOnly =
                new io.isengard.dicom.TransferSyntax(transferSyntaxUid, null, true, false, false, false);
        DicomWriter.writeFile(out, FileMetaInformation.create(sopClassUid(), sopInstanceUid(), transferSyntaxUid,
                association.remoteAeTitle()), new io.isengard.dicom.DataSet(), metaOnly);
        return dataSet.transferTo(out);
    }
}
