package io.isengard.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.index.Index;
import io.isengard.server.index.ResourceDetails;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.FileInfo;
import io.isengard.server.model.ResourceType;
import io.isengard.server.resources.ContentTypes;
import io.isengard.server.resources.MetadataNames;
import io.isengard.server.resources.ResourceSearch;
import java.io.IOException;
import java.util.List;

/** POST /tools/find, /tools/count-resources and /tools/lookup (rest-core.md §9, §10). */
public final class FindRoutes {
    private final Index index;
    private final ResourceSearch search;
    private final ResourceJson json;
    private final MetadataNames metadataNames;
    private final ContentTypes contentTypes;

    public FindRoutes(Index index, ResourceSearch search, ResourceJson json, MetadataNames metadataNames,
            ContentTypes contentTypes) {
        this.index = index;
        this.search = search;
        this.json = json;
        this.metadataNames = metadataNames;
        this.contentTypes = contentTypes;
    }

    public void register(OrthancRouter r) {
        r.post("/tools/find", this::find);
        r.post("/tools/count-resources", this::count);
        r.post("/tools/lookup", this::lookup);
    }

    private void find(RestCall call) throws IOException {
        FindRequestJson.Parsed p = FindRequestJson.parse(FindRequestJson.object(call.bodyAsString()), metadataNames);
        FindRequestJson.Output out = p.output();
        ArrayNode a = Json.array();
        if (out.responseContent() == null && !out.expand()) {
            search.find(p.request()).forEach(ref -> a.add(ref.publicId()));
            call.answerJson(a);
            return;
        }
        List<String> parts = out.responseContent();
        List<ResourceDetails> details = search.find(p.request(), (tx, found) -> parts != null
                && parts.contains("Metadata") ? tx.details(found) : tx.details(found, ResourceJson.METADATA));
        for (ResourceDetails d : details) {
            ObjectNode full = json.of(d, out.format(), out.requestedTags());
            a.add(out.responseContent() == null ? full : select(d, full, out.responseContent()));
        }
        call.answerJson(a);
    }

    /** The parts of a resource's JSON that ResponseContent asks for (1.12.5+). */
    private ObjectNode select(ResourceDetails d, ObjectNode full, List<String> parts) {
        ObjectNode o = Json.object();
        o.set("ID", full.get("ID"));
        o.set("Type", full.get("Type"));
        copy(full, o, "RequestedTags");
        ResourceType type = d.ref().type();
        for (String part : parts) {
            switch (part) {
                case "MainDicomTags" -> {
                    copy(full, o, "MainDicomTags");
                    copy(full, o, "PatientMainDicomTags");
                }
                case "Children" -> {
                    copy(full, o, "Studies");
                    copy(full, o, "Series");
                    copy(full, o, "Instances");
                }
                case "Parent" -> {
                    copy(full, o, "ParentPatient");
                    copy(full, o, "ParentStudy");
                    copy(full, o, "ParentSeries");
                }
                case "Labels" -> copy(full, o, "Labels");
                case "Status" -> {
                    copy(full, o, "Status");
                    copy(full, o, "ExpectedNumberOfInstances");
                }
                case "IsStable" -> copy(full, o, "IsStable");
                case "IsProtected" -> {
                    if (type == ResourceType.PATIENT) {
                        copy(full, o, "IsProtected");
                    }
                }
                case "Metadata" -> {
                    ObjectNode m = o.putObject("Metadata");
                    d.metadata().forEach((code, value) -> m.put(metadataNames.name(code), value));
                }
                case "Attachments" -> {
                    ArrayNode a = o.putArray("Attachments");
                    for (FileInfo f : index.read(tx -> tx.attachments(d.ref().internalId()))) {
                        ObjectNode x = a.addObject();
                        x.put("Uuid", f.uuid());
                        x.put("ContentType", contentTypes.name(f.contentType()));
                        x.put("UncompressedSize", f.uncompressedSize());
                        x.put("CompressedSize", f.compressedSize());
                        x.put("UncompressedMD5", f.uncompressedMd5());
                        x.put("CompressedMD5", f.compressedMd5());
                    }
                }
                default -> { } // "RequestedTags" is tolerated: they come with RequestedTags anyway
            }
        }
        return o;
    }

    private static void copy(ObjectNode from, ObjectNode to, String key) {
        JsonNode v = from.get(key);
        if (v != null) {
            to.set(key, v);
        }
    }

    private void count(RestCall call) throws IOException {
        FindRequestJson.Parsed p = FindRequestJson.parse(FindRequestJson.object(call.bodyAsString()), metadataNames);
        ObjectNode o = Json.object();
        o.put("Count", search.count(p.request()));
        call.answerJson(o);
    }

    private void lookup(RestCall call) throws IOException {
        ArrayNode a = Json.array();
        for (ResourceRef r : search.lookup(call.bodyAsString())) {
            ObjectNode o = a.addObject();
            o.put("ID", r.publicId());
            o.put("Path", r.path());
            o.put("Type", r.type().label());
        }
        call.answerJson(a);
    }
}
