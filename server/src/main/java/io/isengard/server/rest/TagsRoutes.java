package io.isengard.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.dicom.DataSet;
import io.isengard.dicom.Sequence;
import io.isengard.dicom.io.DicomFile;
import io.isengard.dicom.json.OrthancFormat;
import io.isengard.dicom.json.OrthancJson;
import io.isengard.dicom.json.OrthancJsonOptions;
import io.isengard.server.index.Index;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.ingest.MainDicomTags;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.ResourceType;
import io.isengard.server.resources.InstanceFiles;
import io.isengard.server.resources.ResourceFinder;
import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tag dumps read from the stored files (resources.md §11): /tags,
 * /simplified-tags, /header, /module, /patient-module, /shared-tags,
 * /instances-tags.
 */
public final class TagsRoutes {
    private final Index index;
    private final ResourceFinder finder;
    private final InstanceFiles files;
    private final MainDicomTags mainTags;
    private final OrthancJsonOptions baseOptions;

    public TagsRoutes(Index index, ResourceFinder finder, InstanceFiles files, MainDicomTags mainTags,
            OrthancJsonOptions baseOptions) {
        this.index = index;
        this.finder = finder;
        this.files = files;
        this.mainTags = mainTags;
        this.baseOptions = baseOptions;
    }

    public void register(OrthancRouter r) {
        r.get("/instances/{id}/tags", call -> tags(call, format(call, OrthancFormat.FULL)));
        r.get("/instances/{id}/simplified-tags", call -> tags(call, OrthancFormat.HUMAN));
        r.get("/instances/{id}/header", this::header);
        for (ResourceType level : ResourceType.values()) {
            String base = "/" + level.uriSegment() + "/{id}";
            r.get(base + "/module", call -> module(call, level, level));
            if (level != ResourceType.INSTANCE) {
                r.get(base + "/shared-tags", call -> sharedTags(call, level));
                r.get(base + "/instances-tags", call -> instancesTags(call, level));
            }
        }
        r.get("/studies/{id}/module-patient", call -> module(call, ResourceType.STUDY, ResourceType.PATIENT));
    }

    /** simplify > short > full, as GET arguments (resources.md §8). */
    static OrthancFormat format(RestCall call, OrthancFormat def) {
        if (call.hasArgument("simplify")) {
            return OrthancFormat.HUMAN;
        }
        if (call.hasArgument("short")) {
            return OrthancFormat.SHORT;
        }
        if (call.hasArgument("full")) {
            return OrthancFormat.FULL;
        }
        return def;
    }

    private OrthancJsonOptions options(RestCall call) {
        OrthancJsonOptions o = baseOptions;
        String ignore = call.argument("ignore-length", null);
        if (ignore != null) {
            Set<Integer> tags = new HashSet<>();
            for (String t : ignore.split(",")) {
                long tag = InstanceContentRoutes.parseTag(t.strip());
                if (tag < 0) {
                    throw new OrthancException(ErrorCode.ParameterOutOfRange, "Unknown tag in ignore-length: " + t);
                }
                tags.add((int) tag);
            }
            o = o.withIgnoreLength(tags);
        }
        return o;
    }

    /** Orthanc's pretty layout, as the codec's writer reproduces it. */
    private static String pretty(DataSet ds, OrthancFormat format, OrthancJsonOptions options) {
        StringBuilder sb = new StringBuilder();
        OrthancJson.write(ds, format, options, io.isengard.dicom.json.JsonWriter.pretty(sb));
        return sb.append('\n').toString();
    }

    private DicomFile read(ResourceRef instance, boolean whole) throws IOException {
        return files.parse(instance, !whole);
    }

    private String dump(DicomFile f, OrthancFormat format, OrthancJsonOptions options) {
        OrthancJsonOptions o = options;
        if (f.stoppedBeforePixelData()) {
            o = o.withPixelDataPlaceholder(true);
        }
        return pretty(f.dataSet(), format, o);
    }

    private void tags(RestCall call, OrthancFormat format) throws IOException {
        // The instance and its file in one index read: this route is hot (viewers, scripts).
        InstanceFiles.Located located = files.locate(call.parameter("id"));
        if (located == null) {
            return;
        }
        boolean whole = call.booleanArgument("whole", false);
        OrthancJsonOptions o = options(call);
        if (whole) {
            o = o.withStopAfterPixelData(false);
        }
        DicomFile f = files.parse(located.instance(), located.requireFile(), !whole);
        call.answerJsonText(dump(f, format, o));
    }

    private void header(RestCall call) throws IOException {
        ResourceRef ref = finder.find(ResourceType.INSTANCE, call.parameter("id"));
        if (ref == null) {
            return;
        }
        DicomFile f = read(ref, false);
        call.answerJsonText(pretty(f.meta(), format(call, OrthancFormat.FULL), OrthancJsonOptions.HEADER));
    }

    /** One instance below a resource (the first by ID), whose file stands for the resource's modules. */
    private ResourceRef anyInstance(ResourceRef r) {
        List<ResourceRef> instances = index.read(tx -> tx.descendants(r.internalId(), ResourceType.INSTANCE));
        if (instances.isEmpty()) {
            throw new OrthancException(ErrorCode.InternalError, "resource " + r.publicId() + " has no instance");
        }
        return instances.get(0);
    }

    private void module(RestCall call, ResourceType level, ResourceType module) throws IOException {
        ResourceRef ref = finder.find(level, call.parameter("id"));
        if (ref == null) {
            return;
        }
        DataSet ds = read(anyInstance(ref), false).dataSet();
        // A child of the file's data set: its values decode with the file's character set.
        DataSet kept = new DataSet(ds);
        Set<Integer> upper = new HashSet<>();
        for (ResourceType t = ResourceType.PATIENT; t != ResourceType.INSTANCE; t = t.child()) {
            upper.addAll(mainTags.of(t));
        }
        List<Integer> wanted = module == ResourceType.INSTANCE ? null : mainTags.of(module);
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            boolean keep = wanted == null ? !upper.contains(tag) : wanted.contains(tag);
            if (keep) {
                kept.put(tag, ds.vrAt(i), copyValue(ds.valueAt(i), kept));
            }
        }
        call.answerJsonText(pretty(kept, format(call, OrthancFormat.FULL), options(call)));
    }

    private static Object copyValue(Object value, DataSet newOwner) {
        if (value instanceof Sequence s) {
            // Items keep their content; the sequence is re-parented for character set inheritance.
            Sequence copy = new Sequence(newOwner);
            for (DataSet item : s) {
                DataSet c = copy.addItem();
                for (int i = 0; i < item.size(); i++) {
                    c.put(item.tagAt(i), item.vrAt(i), copyValue(item.valueAt(i), c));
                }
            }
            return copy;
        }
        return value;
    }

    private void sharedTags(RestCall call, ResourceType level) throws IOException {
        ResourceRef ref = finder.find(level, call.parameter("id"));
        if (ref == null) {
            return;
        }
        OrthancFormat format = format(call, OrthancFormat.FULL);
        List<ResourceRef> instances = index.read(tx -> tx.descendants(ref.internalId(), ResourceType.INSTANCE));
        ObjectNode shared = null;
        for (ResourceRef instance : instances) {
            JsonNode tags = Json.MAPPER.readTree(dump(read(instance, false), OrthancFormat.FULL, options(call)));
            if (shared == null) {
                shared = Json.object();
                Iterator<Map.Entry<String, JsonNode>> it = tags.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if ("String".equals(e.getValue().path("Type").asText())) {
                        shared.set(e.getKey(), e.getValue());
                    }
                }
            } else {
                Iterator<Map.Entry<String, JsonNode>> it = shared.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().equals(tags.get(e.getKey()))) {
                        it.remove();
                    }
                }
            }
        }
        call.answerJson(reformat(shared == null ? Json.object() : shared, format));
    }

    /** Full-format tags re-keyed for the short and human formats. */
    private static ObjectNode reformat(ObjectNode full, OrthancFormat format) {
        if (format == OrthancFormat.FULL) {
            return full;
        }
        ObjectNode o = Json.object();
        full.fields().forEachRemaining(e -> {
            String key = format == OrthancFormat.SHORT ? e.getKey() : e.getValue().path("Name").asText();
            o.set(key, e.getValue().get("Value"));
        });
        return o;
    }

    private void instancesTags(RestCall call, ResourceType level) throws IOException {
        ResourceRef ref = finder.find(level, call.parameter("id"));
        if (ref == null) {
            return;
        }
        OrthancFormat format = format(call, OrthancFormat.FULL);
        ObjectNode o = Json.object();
        for (ResourceRef instance : index.read(tx -> tx.descendants(ref.internalId(), ResourceType.INSTANCE))) {
            o.set(instance.publicId(), Json.MAPPER.readTree(dump(read(instance, false), format, options(call))));
        }
        call.answerJson(o);
    }
}
