package io.isengard.server.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.ingest.IngestOrigin;
import io.isengard.server.ingest.IngestService;
import io.isengard.server.ingest.StoreResult;
import io.isengard.server.ingest.StoreStatus;
import io.isengard.server.metrics.ServerMetrics;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** POST /instances (rest-core.md §3): one DICOM file, gzip-compressed or not, or a ZIP of them. */
public final class UploadRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(UploadRoutes.class);

    private final IngestService ingest;
    private final ServerMetrics metrics;

    public UploadRoutes(IngestService ingest, ServerMetrics metrics) {
        this.ingest = ingest;
        this.metrics = metrics;
    }

    public void register(OrthancRouter r) {
        r.post("/instances", this::upload);
    }

    private void upload(RestCall call) throws IOException {
        IngestOrigin origin = call.isFromLua() ? IngestOrigin.lua()
                : IngestOrigin.rest(call.remoteIp(), call.username());
        String boundary = MultipartReader.boundary(call.header("Content-Type"));
        if (boundary != null) {
            uploadMultipart(call, boundary, origin);
            return;
        }
        InputStream body = new BufferedInputStream(call.body(), 64 * 1024);
        String encoding = call.header("Content-Encoding");
        if (encoding != null && encoding.strip().toLowerCase(Locale.ROOT).equals("gzip")) {
            body = new BufferedInputStream(new GZIPInputStream(body, 64 * 1024), 64 * 1024);
        }
        if (isZip(body)) {
            uploadZip(call, body, origin);
            return;
        }
        StoreResult result = store(body, origin);
        call.answerJson(json(result));
    }

    /**
     * Orthanc Explorer's uploads: each part is stored as if it had been posted
     * alone; the answer is an empty 200 (rest-core.md §1).
     */
    private void uploadMultipart(RestCall call, String boundary, IngestOrigin origin) throws IOException {
        String requestedWith = call.header("X-Requested-With");
        if (requestedWith != null && !requestedWith.equals("XMLHttpRequest")) {
            throw new OrthancException(ErrorCode.BadRequest, "X-Requested-With must be XMLHttpRequest, not "
                    + requestedWith);
        }
        MultipartReader parts = new MultipartReader(call.body(), boundary);
        MultipartReader.Part part;
        while ((part = parts.next()) != null) {
            InputStream content = new BufferedInputStream(part.content(), 64 * 1024);
            if (isZip(content)) {
                try (ZipInputStream zip = new ZipInputStream(content)) {
                    storeZipEntries(zip, origin);
                }
            } else {
                store(content, origin);
            }
        }
        call.answer(200, new byte[0], null);
    }

    private static boolean isZip(InputStream in) throws IOException {
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
    }

    private void uploadZip(RestCall call, InputStream body, IngestOrigin origin) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(body)) {
            call.answerJson(storeZipEntries(zip, origin));
        }
    }

    private ArrayNode storeZipEntries(ZipInputStream zip, IngestOrigin origin) throws IOException {
        ArrayNode answers = Json.array();
        ZipEntry entry = nextEntry(zip);
        if (entry == null) {
            // Starts like a ZIP but holds no readable entry: Orthanc cannot open it either.
            throw new OrthancException(ErrorCode.BadFileFormat,
                    "Cannot open ZIP archive from memory buffer: no entry could be read");
        }
        for (; entry != null; entry = nextEntry(zip)) {
            if (entry.isDirectory()) {
                continue;
            }
            try {
                answers.add(json(store(new BufferedInputStream(zip, 64 * 1024), origin)));
            } catch (OrthancException e) {
                // Orthanc skips empty entries, non-DICOM files and DICOMDIRs (no SOP instance).
                if (e.error() != ErrorCode.BadFileFormat && e.error() != ErrorCode.InexistentTag) {
                    throw e;
                }
                LOG.info("skipping ZIP entry {}: {}", entry.getName(), e.getMessage());
            }
        }
        return answers;
    }

    private static ZipEntry nextEntry(ZipInputStream zip) throws IOException {
        try {
            return zip.getNextEntry();
        } catch (java.util.zip.ZipException e) {
            throw new OrthancException(ErrorCode.BadFileFormat, "Corrupted ZIP archive: " + e.getMessage(), e);
        }
    }

    /** Stores one instance, timed for orthanc_store_dicom_duration_ms. */
    private StoreResult store(InputStream dicom, IngestOrigin origin) throws IOException {
        long start = metrics.storeStarted();
        try {
            return ingest.store(dicom, origin);
        } finally {
            metrics.storeEnded(start);
        }
    }

    static ObjectNode json(StoreResult r) {
        ObjectNode o = Json.object();
        if (r.status() != StoreStatus.Failure) {
            o.put("ID", r.instanceId());
            o.put("Path", "/instances/" + r.instanceId());
        }
        o.put("ParentPatient", r.patientId());
        o.put("ParentSeries", r.seriesId());
        o.put("ParentStudy", r.studyId());
        o.put("Status", r.status().name());
        return o;
    }
}
