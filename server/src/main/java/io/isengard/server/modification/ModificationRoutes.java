package io.isengard.server.modification;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.dicom.DataSet;
import io.isengard.dicom.charset.SpecificCharacterSet;
import io.isengard.dicom.io.DicomFile;
import io.isengard.dicom.io.DicomWriter;
import io.isengard.dicom.io.FileMetaInformation;
import io.isengard.server.config.DefaultEncoding;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.resources.InstanceFiles;
import io.isengard.server.rest.Json;
import io.isengard.server.rest.OrthancRouter;
import io.isengard.server.rest.RestCall;
import io.isengard.server.rest.ToolsRoutes;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * POST /instances/{id}/modify (modify-anonymize-archive.md §1): answers the
 * modified DICOM file, stores nothing. The file is written to a temporary
 * file and sent from there, so that a large instance is never held in memory.
 * Modifying series, studies and patients (jobs) is not here yet.
 */
public final class ModificationRoutes {
    private final InstanceFiles files;
    private final Supplier<DefaultEncoding> defaultEncoding;

    public ModificationRoutes(InstanceFiles files, Supplier<DefaultEncoding> defaultEncoding) {
        this.files = files;
        this.defaultEncoding = defaultEncoding;
    }

    public void register(OrthancRouter r) {
        r.post("/instances/{id}/modify", this::modifyInstance);
    }

    private void modifyInstance(RestCall call) throws IOException {
        InstanceFiles.Located located = files.locate(call.parameter("id"));
        if (located == null) {
            throw new OrthancException(ErrorCode.UnknownResource);
        }
        ModificationRequest request = ModificationRequest.parse(jsonBody(call));
        DicomFile source = files.parse(located.instance(), located.requireFile(), false);
        String ts = source.transferSyntax().uid();
        if (request.transcode() != null && !request.transcode().equals(ts)) {
            throw new OrthancException(ErrorCode.NotImplemented, "Transcoding a modified instance (from " + ts
                    + " to " + request.transcode() + ") is not implemented yet");
        }
        DataSet ds = source.dataSet();
        InstanceModification.apply(request, ds, ToolsRoutes::newUid,
                SpecificCharacterSet.of(defaultEncoding.get().definedTerm()));
        Path tmp = Files.createTempFile("isengard-modified-", ".dcm");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
                DicomWriter.writeFile(out, FileMetaInformation.create(ds, ts), ds, source.transferSyntax());
            }
            call.answerFile(tmp, "application/dicom", null);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The body as JSON; Orthanc answers "Bad file format" to one that is not. */
    private static JsonNode jsonBody(RestCall call) throws IOException {
        try {
            JsonNode n = Json.MAPPER.readTree(call.bodyAsString());
            if (n == null) {
                throw new OrthancException(ErrorCode.BadFileFormat, "The body is not JSON");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new OrthancException(ErrorCode.BadFileFormat, "The body is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
