package io.isengard.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.archive.ZipArchive;
import io.isengard.server.index.Index;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.ResourceType;
import io.isengard.server.resources.ResourceFinder;
import io.isengard.server.storage.AttachmentStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Synchronous ZIP archives (modify-anonymize-archive.md §8): {@code
 * /{patients|studies|series}/{id}/archive} and {@code /tools/create-archive},
 * streamed as Orthanc does with SynchronousZipStream (no Content-Length, the
 * connection closed at the end). Asynchronous archives (jobs), transcoding
 * and DICOMDIR media are not implemented: they are refused with an error
 * that says so.
 */
public final class ArchiveRoutes {
    private final Index index;
    private final ResourceFinder finder;
    private final AttachmentStore attachments;

    public ArchiveRoutes(Index index, ResourceFinder finder, AttachmentStore attachments) {
        this.index = index;
        this.finder = finder;
        this.attachments = attachments;
    }

    public void register(OrthancRouter r) {
        for (ResourceType level : List.of(ResourceType.PATIENT, ResourceType.STUDY, ResourceType.SERIES)) {
            String path = "/" + level.uriSegment() + "/{id}/archive";
            r.get(path, call -> {
                ResourceRef ref = finder.require(level, call.parameter("id"));
                refuseTranscoding(call.argument("transcode", null));
                send(call, List.of(ref), call.argument("filename", ref.publicId() + ".zip"));
            });
            r.post(path, call -> {
                ResourceRef ref = finder.require(level, call.parameter("id"));
                JsonNode body = optionsOf(call);
                send(call, List.of(ref), filename(body, ref.publicId() + ".zip"));
            });
        }
        r.get("/tools/create-archive", call -> {
            List<ResourceRef> refs = new ArrayList<>();
            for (String id : call.argument("resources", "").split(",")) {
                if (!id.isBlank()) {
                    refs.add(finder.requireAnyLevel(id.strip()));
                }
            }
            refuseTranscoding(call.argument("transcode", null));
            send(call, refs, call.argument("filename", "Archive.zip"));
        });
        r.post("/tools/create-archive", call -> {
            JsonNode body = call.bodyAsJson();
            JsonNode resources = body.isArray() ? body : body.get("Resources");
            if (body.isObject()) {
                if (resources == null) {
                    throw new OrthancException(ErrorCode.BadFileFormat, "Missing field Resources in the JSON body");
                }
                checkOptions(body);
            }
            if (resources == null || !resources.isArray()) {
                throw new OrthancException(ErrorCode.BadFileFormat, "Expected a list of strings (Orthanc identifiers)");
            }
            List<ResourceRef> refs = new ArrayList<>();
            for (JsonNode id : resources) {
                if (!id.isTextual()) {
                    throw new OrthancException(ErrorCode.BadFileFormat,
                            "Expected a list of strings (Orthanc identifiers)");
                }
                refs.add(finder.requireAnyLevel(id.asText()));
            }
            send(call, refs, body.isObject() ? filename(body, "Archive.zip") : "Archive.zip");
        });
    }

    /** The options of a POST: an object (an empty body counts as none). */
    private static JsonNode optionsOf(RestCall call) throws IOException {
        String text = call.bodyAsString();
        if (text.isBlank()) {
            return Json.object();
        }
        JsonNode body = RestCall.parseJson(text); // read once: the text was needed to see it is empty
        if (!body.isObject()) {
            throw new OrthancException(ErrorCode.BadFileFormat, "Expected a JSON object in the body");
        }
        checkOptions(body);
        return body;
    }

    private static void checkOptions(JsonNode body) {
        boolean asynchronous = body.path("Asynchronous").asBoolean(false) || !body.path("Synchronous").asBoolean(true);
        if (asynchronous) {
            throw new OrthancException(ErrorCode.NotImplemented,
                    "Asynchronous archives (archive jobs) are not implemented by Isengard yet: ask for a"
                            + " synchronous one (\"Synchronous\": true, the default)");
        }
        JsonNode transcode = body.get("Transcode");
        refuseTranscoding(transcode == null || transcode.isNull() ? null : transcode.asText());
    }

    private static void refuseTranscoding(String transferSyntax) {
        if (transferSyntax != null && !transferSyntax.isEmpty()) {
            throw new OrthancException(ErrorCode.NotImplemented, "Transcoding archives (to " + transferSyntax
                    + ") is not implemented by Isengard yet: ask without \"Transcode\"");
        }
    }

    private static String filename(JsonNode body, String def) {
        JsonNode f = body.get("Filename");
        return f == null || !f.isTextual() ? def : f.asText();
    }

    private void send(RestCall call, List<ResourceRef> refs, String filename) throws IOException {
        ZipArchive archive = ZipArchive.of(index, refs); // unknown or vanished resources fail before the answer
        // 1.12.11 strips the characters that would end the header's quoted string.
        String name = filename.replace("\"", "").replace("\r", "").replace("\n", "");
        call.closeConnectionAfterAnswer();
        call.answerStreaming("application/zip", name, out -> archive.writeTo(out, attachments));
    }
}
