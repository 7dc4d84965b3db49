package io.isengard.server.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.index.Index;
import io.isengard.server.index.IndexTransaction;
import io.isengard.server.index.ResourceDetails;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.ContentType;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.ResourceType;
import io.isengard.server.resources.MetadataNames;
import io.isengard.server.resources.ResourceDeleter;
import io.isengard.server.storage.DeletedFilesCollector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** /tools/bulk-delete, /tools/bulk-content and /tools/invalidate-tags (rest-core.md §11). */
public final class BulkRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(BulkRoutes.class);

    private final Index index;
    private final ResourceDeleter deleter;
    private final ResourceJson json;
    private final MetadataNames metadataNames;
    private final DeletedFilesCollector deletedFiles;

    public BulkRoutes(Index index, ResourceDeleter deleter, ResourceJson json, MetadataNames metadataNames,
            DeletedFilesCollector deletedFiles) {
        this.index = index;
        this.deleter = deleter;
        this.json = json;
        this.metadataNames = metadataNames;
        this.deletedFiles = deletedFiles;
    }

    public void register(OrthancRouter r) {
        r.post("/tools/bulk-delete", this::bulkDelete);
        r.post("/tools/bulk-content", this::bulkContent);
        r.post("/tools/invalidate-tags", call -> {
            // Isengard never writes dicom-as-json summaries; ones left by a user are dropped, as Orthanc does.
            if (index.write(tx -> tx.deleteAttachments(ContentType.DicomAsJson.code())) > 0) {
                deletedFiles.collectSoon();
            }
            call.answerText("");
        });
    }

    private void bulkDelete(RestCall call) throws IOException {
        TreeSet<String> ids = new TreeSet<>(BodyFields.of(call).strings("Resources"));
        int deleted = deleter.deleteAll(ids).size();
        if (deleted < ids.size()) {
            LOG.warn("Bulk deletion: {} of the {} resources were unknown", ids.size() - deleted, ids.size());
        }
        call.answerText("");
    }

    /**
     * Without "Level", the resources in the order given (unknown ones left
     * out); with it, each resource mapped up or down to that level, each
     * once, sorted by ID.
     */
    private void bulkContent(RestCall call) throws IOException {
        BodyFields body = BodyFields.of(call);
        TagFormat format = body.bool("Short", false) ? TagFormat.SHORT
                : body.bool("Full", false) ? TagFormat.FULL : TagFormat.HUMAN;
        boolean withMetadata = body.bool("Metadata", true);
        ResourceType level = null;
        if (body.has("Level")) {
            String name = body.string("Level");
            level = ResourceType.parse(name);
            if (level == null) {
                throw new OrthancException(ErrorCode.ParameterOutOfRange, "Unknown resource level: " + name);
            }
        }
        List<String> ids = body.strings("Resources");
        ResourceType target = level;
        List<ResourceDetails> details = index.read(tx -> tx.details(target == null ? inOrder(tx, ids)
                : atLevel(tx, ids, target)));
        ArrayNode a = Json.array();
        for (ResourceDetails d : details) {
            ObjectNode o = json.of(d, format);
            if (withMetadata) {
                ObjectNode m = o.putObject("Metadata");
                d.metadata().forEach((code, value) -> m.put(metadataNames.name(code), value));
            }
            a.add(o);
        }
        call.answerJson(a);
    }

    private static List<ResourceRef> inOrder(IndexTransaction tx, List<String> ids) {
        Map<String, ResourceRef> known = new HashMap<>();
        tx.lookupAll(ids).forEach(r -> known.put(r.publicId(), r));
        List<ResourceRef> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            ResourceRef r = known.get(id);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    private static List<ResourceRef> atLevel(IndexTransaction tx, List<String> ids, ResourceType level) {
        TreeMap<String, ResourceRef> found = new TreeMap<>();
        for (ResourceRef r : tx.lookupAll(ids)) {
            if (r.type().ordinal() <= level.ordinal()) {
                tx.descendants(r.internalId(), level).forEach(d -> found.put(d.publicId(), d));
            } else {
                ResourceRef up = r;
                while (up.type() != level) {
                    up = tx.lookup(up.parentId());
                }
                found.put(up.publicId(), up);
            }
        }
        return new ArrayList<>(found.values());
    }
}
