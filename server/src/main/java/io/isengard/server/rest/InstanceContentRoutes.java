package io.isengard.server.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.isengard.dicom.BulkData;
import io.isengard.dicom.DataSet;
import io.isengard.dicom.Fragments;
import io.isengard.dicom.Sequence;
import io.isengard.dicom.Tag;
import io.isengard.dicom.dictionary.DictionaryEntry;
import io.isengard.dicom.dictionary.ElementDictionary;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.FileInfo;
import io.isengard.server.model.ResourceType;
import io.isengard.server.resources.InstanceFiles;
import io.isengard.server.resources.ResourceFinder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** /instances/{id}/file, /content/{path...} and /frames (resources.md §11). */
public final class InstanceContentRoutes {
    private final ResourceFinder finder;
    private final InstanceFiles files;

    public InstanceContentRoutes(ResourceFinder finder, InstanceFiles files) {
        this.finder = finder;
        this.files = files;
    }

    public void register(OrthancRouter r) {
        r.get("/instances/{id}/file", this::file);
        r.get("/instances/{id}/content", call -> content(call));
        r.get("/instances/{id}/content/{path...}", this::content);
        r.get("/instances/{id}/frames", this::frames);
    }

    private void file(RestCall call) throws IOException {
        InstanceFiles.Located located = files.locate(call.parameter("id"));
        if (located == null) {
            return;
        }
        ResourceRef ref = located.instance();
        FileInfo f = located.requireFile();
        String name = call.argument("filename", ref.publicId() + ".dcm").replaceAll("[\"\\r\\n]", "");
        java.util.Optional<java.nio.file.Path> local = files.storedAsIs(f);
        if (local.isPresent()) {
            call.answerFile(local.get(), "application/dicom", name);
        } else {
            call.answerStream(files.open(f), f.uncompressedSize(), "application/dicom", name);
        }
    }

    private void content(RestCall call) throws IOException {
        ResourceRef ref = finder.require(ResourceType.INSTANCE, call.parameter("id"));
        DataSet ds = files.parse(ref, false).dataSet();
        List<String> path = call.trailing();
        Object node = ds;
        for (String step : path) {
            if (node instanceof DataSet d) {
                long tag = parseTag(step);
                if (tag < 0 || !d.contains((int) tag)) {
                    return; // unknown: 404
                }
                node = d.value((int) tag);
            } else if (node instanceof Sequence s) {
                int i;
                try {
                    i = Integer.parseInt(step);
                } catch (NumberFormatException e) {
                    return;
                }
                if (i < 0 || i >= s.size()) {
                    return;
                }
                node = s.get(i);
            } else {
                return;
            }
        }
        if (node instanceof DataSet d) {
            ArrayNode a = Json.array();
            for (int i = 0; i < d.size(); i++) {
                a.add(String.format("%04x-%04x", d.tagAt(i) >>> 16, d.tagAt(i) & 0xFFFF));
            }
            call.answerJson(a);
        } else if (node instanceof Sequence s) {
            ArrayNode a = Json.array();
            for (int i = 0; i < s.size(); i++) {
                a.add(Integer.toString(i));
            }
            call.answerJson(a);
        } else if (node instanceof byte[] b) {
            call.answer(200, b, "application/octet-stream");
        } else if (node instanceof BulkData bulk && bulk.source() != null) {
            FileChannel ch = FileChannel.open(bulk.source(), StandardOpenOption.READ);
            ch.position(bulk.offset());
            InputStream in = new BoundedStream(Channels.newInputStream(ch), bulk.length());
            call.answerStream(in, bulk.length(), "application/octet-stream", null);
        } else if (node instanceof Fragments) {
            return; // Orthanc gives no raw value for encapsulated pixel data here
        }
    }

    /** {@code gggg-eeee}, {@code gggg,eeee} or a dictionary keyword; -1 if none. */
    static long parseTag(String step) {
        long t = Tag.parse(step);
        if (t >= 0) {
            return t;
        }
        DictionaryEntry e = ElementDictionary.lookup(step);
        return e == null ? -1 : Integer.toUnsignedLong(e.tag());
    }

    private void frames(RestCall call) throws IOException {
        ResourceRef ref = finder.require(ResourceType.INSTANCE, call.parameter("id"));
        DataSet ds = files.parse(ref, true).dataSet();
        int frames = Math.max(1, ds.getInt(0x00280008, 1));
        ArrayNode a = Json.array();
        for (int i = 0; i < frames; i++) {
            a.add(i);
        }
        call.answerJson(a);
    }

    /** A stream cut after {@code limit} bytes. */
    private static final class BoundedStream extends java.io.FilterInputStream {
        private long left;

        BoundedStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            left--;
            return in.read();
        }
    }
}
