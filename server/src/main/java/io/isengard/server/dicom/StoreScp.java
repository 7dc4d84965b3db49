package io.isengard.server.dicom;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.Tag;
import io.isengard.dicom.TransferSyntax;
import io.isengard.dicom.io.DicomWriter;
import io.isengard.dicom.io.FileMetaInformation;
import io.isengard.dicom.net.Handlers;
import io.isengard.dicom.net.StoreRequest;
import io.isengard.dicom.net.dimse.Status;
import io.isengard.dicom.net.ul.AssociationAbortedException;
import io.isengard.server.ingest.IngestOrigin;
import io.isengard.server.ingest.IngestService;
import io.isengard.server.ingest.StoreResult;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * C-STORE SCP (dicom-server.md §9): the data set streams from the socket,
 * behind a meta group built from the command, into {@link IngestService};
 * the response is sent once the instance is durable.
 */
final class StoreScp implements Handlers.Store {
    private static final Logger LOG = LoggerFactory.getLogger(StoreScp.class);

    private final DicomAccess access;
    private final IngestService ingest;

    StoreScp(DicomAccess access, IngestService ingest) {
        this.access = access;
        this.ingest = ingest;
    }

    @Override
    public int store(StoreRequest request) throws IOException {
        access.require(DicomRequestType.Store, request.association());
        IngestOrigin origin = IngestOrigin.dicom(request.association().callingAeTitle(),
                request.association().calledAeTitle(), request.association().remoteAddress().getHostAddress());
        try {
            StoreResult result = ingest.store(new SequenceInputStream(new ByteArrayInputStream(metaGroup(request)),
                    request.dataSet()), origin, header -> matchesCommand(header, request));
            return switch (result.status()) {
                // AlreadyStored answers success as Orthanc does (the old copy is kept unless OverwriteInstances).
                case Success, AlreadyStored, FilteredOut -> Status.SUCCESS;
                case Failure, StorageFull -> {
                    LOG.warn("{}: C-STORE of {} refused: {}", request.association(), request.sopInstanceUid(),
                            result.status());
                    yield Status.OUT_OF_RESOURCES;
                }
            };
        } catch (DataSetMismatch e) {
            LOG.warn("{}: C-STORE refused: {}", request.association(), e.getMessage());
            return Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS;
        } catch (OrthancException e) {
            rethrowAbort(e);
            if (e.error() == ErrorCode.BadFileFormat) {
                LOG.warn("{}: C-STORE of {}: cannot understand the data set: {}", request.association(),
                        request.sopInstanceUid(), e.getMessage());
                return Status.CANNOT_UNDERSTAND;
            }
            LOG.warn("{}: C-STORE of {} failed: {}", request.association(), request.sopInstanceUid(), e.getMessage());
            return Status.OUT_OF_RESOURCES;
        } catch (IOException | RuntimeException e) {
            rethrowAbort(e);
            throw e;
        }
    }

    /** The data set is not the instance the command announced (0xA900). */
    static final class DataSetMismatch extends RuntimeException {
        DataSetMismatch(String message) {
            super(message);
        }
    }

    private static void matchesCommand(DataSet header, StoreRequest request) {
        String sopClass = header.string(Tag.SOPClassUID);
        String sopInstance = header.string(Tag.SOPInstanceUID);
        if (!request.sopClassUid().equals(sopClass) || !request.sopInstanceUid().equals(sopInstance)) {
            throw new DataSetMismatch("the data set's SOP class/instance (" + sopClass + ", " + sopInstance
                    + ") differ from the command's Affected SOP Class/Instance UID (" + request.sopClassUid() + ", "
                    + request.sopInstanceUid() + ")");
        }
    }

    /** The data set was cut short (abort, lost connection, timeout): no response, nothing stored. */
    private static void rethrowAbort(Throwable e) throws AssociationAbortedException {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AssociationAbortedException a) {
                throw a;
            }
        }
    }

    /** The Part 10 preamble and meta group: SOP class and instance of the command, the context's transfer syntax. */
    private static byte[] metaGroup(StoreRequest request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        TransferSyntax metaOnly = new TransferSyntax(request.transferSyntaxUid(), null, true, false, false, false);
        DicomWriter.writeFile(out, FileMetaInformation.create(request.sopClassUid(), request.sopInstanceUid(),
                request.transferSyntaxUid(), request.association().remoteAeTitle()), new DataSet(), metaOnly);
        return out.toByteArray();
    }
}
