package io.isengard.server.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.index.Index;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.FileInfo;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.ResourceType;
import io.isengard.server.resources.AttachmentWriter;
import io.isengard.server.resources.ContentTypes;
import io.isengard.server.resources.ResourceFinder;
import io.isengard.server.storage.AttachmentStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.TreeSet;

/** Attachments of every level (resources.md §9), with revisions (§14). */
public final class AttachmentRoutes {
    /** The body of Orthanc's answers to attachment writes, sent as "application/json" without charset. */
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Index index;
    private final ResourceFinder finder;
    private final ContentTypes types;
    private final AttachmentStore store;
    private final AttachmentWriter writer;
    private final ItemWrites writes;

    public AttachmentRoutes(Index index, ResourceFinder finder, ContentTypes types, AttachmentStore store,
            AttachmentWriter writer, boolean checkRevisions) {
        this.index = index;
        this.finder = finder;
        this.types = types;
        this.store = store;
        this.writer = writer;
        this.writes = new ItemWrites(finder, checkRevisions);
    }

    public void register(OrthancRouter r) {
        for (ResourceType level : ResourceType.values()) {
            String base = "/" + level.uriSegment() + "/{id}/attachments";
            r.get(base, call -> list(call, level));
            r.get(base + "/{name}", call -> operations(call, level));
            r.get(base + "/{name}/data", call -> data(call, level, false));
            r.get(base + "/{name}/compressed-data", call -> data(call, level, true));
            r.get(base + "/{name}/size", call -> text(call, level, f -> Long.toString(f.uncompressedSize())));
            r.get(base + "/{name}/compressed-size", call -> text(call, level, f -> Long.toString(f.compressedSize())));
            r.get(base + "/{name}/md5", call -> text(call, level, FileInfo::uncompressedMd5));
            r.get(base + "/{name}/compressed-md5", call -> text(call, level, FileInfo::compressedMd5));
            r.get(base + "/{name}/is-compressed", call -> text(call, level, f -> f.isCompressed() ? "1" : "0"));
            r.get(base + "/{name}/info", call -> info(call, level));
            r.put(base + "/{name}", call -> put(call, level));
            r.delete(base + "/{name}", call -> delete(call, level));
            r.post(base + "/{name}/compress", call -> changeCompression(call, level, true));
            r.post(base + "/{name}/uncompress", call -> changeCompression(call, level, false));
            r.post(base + "/{name}/verify-md5", call -> verifyMd5(call, level));
        }
    }

    private void list(RestCall call, ResourceType level) throws IOException {
        ResourceRef ref = finder.require(level, call.parameter("id"));
        List<FileInfo> files = index.read(tx -> tx.attachments(ref.internalId()));
        if (call.hasArgument("full")) {
            ObjectNode o = Json.object();
            files.forEach(f -> o.put(types.name(f.contentType()), f.contentType()));
            call.answerJson(o);
        } else {
            ArrayNode a = Json.array();
            files.forEach(f -> a.add(types.name(f.contentType())));
            call.answerJson(a);
        }
    }

    /** The attachment type named in the URI: a registered name or a number, else 404 Inexistent item. */
    private int code(RestCall call) {
        Integer code = types.code(call.parameter("name"));
        if (code == null) {
            throw new OrthancException(ErrorCode.InexistentItem, "Unknown attachment type: " + call.parameter("name"));
        }
        return code;
    }

    /**
     * The attachment named in the URI (Unknown resource if the resource has
     * none of that type), with its ETag set; null when If-None-Match names
     * this revision and the call was answered 304.
     */
    private FileInfo find(RestCall call, ResourceType level) throws IOException {
        int code = code(call);
        ResourceRef ref = finder.require(level, call.parameter("id"));
        FileInfo f = index.read(tx -> tx.attachment(ref.internalId(), code));
        if (f == null) {
            throw new OrthancException(ErrorCode.UnknownResource, "The " + level.label().toLowerCase() + " "
                    + ref.publicId() + " has no attachment " + call.parameter("name"));
        }
        String md5 = f.uncompressedMd5() == null ? "" : f.uncompressedMd5();
        return Revisions.notModified(call, f.revision(), md5) ? null : f;
    }

    private void operations(RestCall call, ResourceType level) throws IOException {
        FileInfo f = find(call, level);
        if (f == null) {
            return;
        }
        TreeSet<String> ops = new TreeSet<>(List.of("compress", "compressed-data", "compressed-size", "data", "info",
                "is-compressed", "size", "uncompress"));
        if (f.uncompressedMd5() != null) {
            ops.add("md5");
        }
        if (f.compressedMd5() != null) {
            ops.add("compressed-md5");
        }
        if (f.uncompressedMd5() != null && f.compressedMd5() != null) {
            ops.add("verify-md5");
        }
        ArrayNode a = Json.array();
        ops.forEach(a::add);
        call.answerJson(a);
    }

    private void text(RestCall call, ResourceType level, java.util.function.Function<FileInfo, String> value)
            throws IOException {
        FileInfo f = find(call, level);
        if (f == null) {
            return;
        }
        String v = value.apply(f);
        if (v == null) {
            return; // e.g. no MD5 stored: 404
        }
        call.answerText(v);
    }

    private void info(RestCall call, ResourceType level) throws IOException {
        FileInfo f = find(call, level);
        if (f == null) {
            return;
        }
        ObjectNode o = Json.object();
        o.put("CompressedMD5", f.compressedMd5());
        o.put("CompressedSize", f.compressedSize());
        o.put("ContentType", f.contentType());
        o.put("UncompressedMD5", f.uncompressedMd5());
        o.put("UncompressedSize", f.uncompressedSize());
        o.put("Uuid", f.uuid());
        call.answerJson(o);
    }

    private void data(RestCall call, ResourceType level, boolean compressed) throws IOException {
        FileInfo f = find(call, level);
        if (f == null) {
            return;
        }
        long size = compressed ? f.compressedSize() : f.uncompressedSize();
        ByteRange range = ByteRange.parse(call.header("Range"), size);
        if (range == null && size == 0) {
            // An empty body goes without Content-Type (rest-core.md §1).
            if (!compressed) {
                call.setHeader("Content-Disposition", "filename=\"" + f.uuid() + extension(f.contentType()) + "\"");
            }
            call.answerEmpty(200);
            return;
        }
        if (range == null) {
            InputStream in = compressed ? store.openStored(f, 0, -1) : store.openUncompressed(f);
            String mime = compressed ? "application/octet-stream" : types.mime(f.contentType());
            call.answerStream(in, size, mime, compressed ? null : f.uuid() + extension(f.contentType()));
            return;
        }
        InputStream in;
        if (compressed || !f.isCompressed()) {
            in = store.openStored(f, range.first(), range.length());
        } else {
            in = store.openUncompressed(f);
            in.skipNBytes(range.first());
            in = new java.io.BufferedInputStream(in) {
                private long left = range.length();

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = super.read(b, off, (int) Math.min(len, left));
                    left -= Math.max(n, 0);
                    return n;
                }
            };
        }
        call.setHeader("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + size);
        call.answerPartial(in, range.length());
    }

    /** Only user types may be uploaded: Orthanc answers 403 without body to the others. */
    private void put(RestCall call, ResourceType level) throws IOException {
        int code = code(call);
        ItemWrites.Target t = writes.check(call, level, AttachmentWriter.isWritable(code), false);
        if (t != null) {
            AttachmentWriter.Written w = writer.put(t.resource(), code, call.body(), t.expected());
            call.setHeader("ETag", Md5.etag(w.revision(), w.md5()));
            call.answer(200, EMPTY_OBJECT, "application/json");
        }
    }

    private void delete(RestCall call, ResourceType level) throws IOException {
        int code = code(call);
        ItemWrites.Target t = writes.check(call, level, AttachmentWriter.isDeletable(code), true);
        if (t != null) {
            writer.delete(t.resource(), code, t.expected());
            call.answerEmpty(200);
        }
    }

    private void changeCompression(RestCall call, ResourceType level, boolean compressed) throws IOException {
        int code = code(call);
        ResourceRef ref = finder.require(level, call.parameter("id"));
        writer.changeCompression(ref, code, compressed);
        call.answer(200, EMPTY_OBJECT, "application/json");
    }

    /** Answers {} when both MD5s check out; otherwise leaves the call unanswered (400), as Orthanc does. */
    private void verifyMd5(RestCall call, ResourceType level) throws IOException {
        int code = code(call);
        ResourceRef ref = finder.require(level, call.parameter("id"));
        FileInfo f = index.read(tx -> tx.attachment(ref.internalId(), code));
        if (f != null && store.verifyMd5(f)) {
            call.answer(200, EMPTY_OBJECT, "application/json");
        }
    }

    private static String extension(int contentType) {
        return contentType == 1 ? ".dcm" : contentType == 2 ? ".json" : "";
    }
}
