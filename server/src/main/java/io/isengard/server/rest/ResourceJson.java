package io.isengard.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.index.ResourceDetails;
import io.isengard.server.ingest.MainDicomTags;
import io.isengard.server.ingest.SeriesStatus;
import io.isengard.server.ingest.StabilityMonitor;
import io.isengard.server.model.MetadataType;
import io.isengard.server.model.ResourceType;
import io.isengard.dicom.json.OrthancJson;
import io.isengard.dicom.json.OrthancJsonOptions;
import io.isengard.server.resources.RequestedTags;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON of a patient, study, series or instance (resources.md §6), 1.12 shape. */
public final class ResourceJson {
    /** The metadata the JSON of a resource shows: the details it needs of the index. */
    public static final List<Integer> METADATA = List.of(MetadataType.MainDicomSequences.code(),
            MetadataType.LastUpdate.code(), MetadataType.ExpectedNumberOfInstances.code(),
            MetadataType.IndexInSeries.code(), MetadataType.AnonymizedFrom.code(), MetadataType.ModifiedFrom.code());

    private final MainDicomTags mainTags;
    private final StabilityMonitor stability;

    private final RequestedTags requestedTags;

    public ResourceJson(MainDicomTags mainTags, StabilityMonitor stability, RequestedTags requestedTags) {
        this.mainTags = mainTags;
        this.stability = stability;
        this.requestedTags = requestedTags;
    }

    /** The resource's JSON with a "RequestedTags" member when tags were requested. */
    public ObjectNode of(ResourceDetails d, TagFormat format, List<Integer> requested) throws IOException {
        ObjectNode o = of(d, format);
        if (requested.isEmpty()) {
            return o;
        }
        RequestedTags.Values values = requestedTags.resolve(d.ref(), requested);
        ObjectNode tags = o.putObject("RequestedTags");
        values.strings().forEach((tag, value) -> format.put(tags, tag, value));
        if (!values.fromFile().isEmpty()) {
            String json = OrthancJson.toJson(values.fromFile(), format.orthancFormat(), OrthancJsonOptions.TAGS);
            Json.MAPPER.readTree(json).fields().forEachRemaining(e -> tags.set(e.getKey(), e.getValue()));
        }
        return o;
    }

    /** The tags a request asks for with {@code requested-tags} (or the older {@code requestedTags}). */
    public static List<Integer> requested(RestCall call) {
        String arg = call.argument("requested-tags", call.argument("requestedTags", null));
        return arg == null ? List.of() : RequestedTags.parse(arg);
    }

    public ObjectNode of(ResourceDetails d, TagFormat format) {
        ObjectNode o = Json.object();
        ResourceType type = d.ref().type();
        String id = d.ref().publicId();
        o.put("ID", id);
        o.put("Type", type.label());
        ArrayNode labels = o.putArray("Labels");
        d.labels().forEach(labels::add);
        Map<Integer, String> own = new LinkedHashMap<>();
        Map<Integer, String> patient = new LinkedHashMap<>();
        d.mainDicomTags().forEach((tag, value) -> {
            if (type == ResourceType.STUDY && mainTags.patientTags().contains(tag)
                    && !mainTags.of(ResourceType.STUDY).contains(tag)) {
                patient.put(tag, value);
            } else {
                own.put(tag, value);
            }
        });
        ObjectNode main = format.render(own);
        Map<Integer, String> md = d.metadata();
        addSequences(main, md.get(MetadataType.MainDicomSequences.code()), format);
        o.set("MainDicomTags", main);
        if (type != ResourceType.INSTANCE) {
            o.put("IsStable", stability.isStable(id));
            String last = md.get(MetadataType.LastUpdate.code());
            if (last != null) {
                o.put("LastUpdate", last);
            }
        }
        switch (type) {
            case PATIENT -> {
                o.put("IsProtected", d.isProtected());
                children(o, "Studies", d);
            }
            case STUDY -> {
                o.put("ParentPatient", d.parentPublicId());
                o.set("PatientMainDicomTags", format.render(patient));
                children(o, "Series", d);
            }
            case SERIES -> {
                o.put("ParentStudy", d.parentPublicId());
                String expected = md.get(MetadataType.ExpectedNumberOfInstances.code());
                if (expected == null) {
                    o.putNull("ExpectedNumberOfInstances");
                } else {
                    o.put("ExpectedNumberOfInstances", Long.parseLong(expected));
                }
                o.put("Status", SeriesStatus.of(expected, d.childrenIndexInSeries()).name());
                children(o, "Instances", d);
            }
            case INSTANCE -> {
                o.put("ParentSeries", d.parentPublicId());
                o.put("FileSize", d.dicomFile() == null ? 0 : d.dicomFile().uncompressedSize());
                o.put("FileUuid", d.dicomFile() == null ? "" : d.dicomFile().uuid());
                String index = md.get(MetadataType.IndexInSeries.code());
                Long parsed = parseIndex(index);
                if (parsed == null) {
                    o.putNull("IndexInSeries");
                } else {
                    o.put("IndexInSeries", parsed);
                }
            }
        }
        String anonymized = md.get(MetadataType.AnonymizedFrom.code());
        if (anonymized != null) {
            o.put("AnonymizedFrom", anonymized);
        }
        String modified = md.get(MetadataType.ModifiedFrom.code());
        if (modified != null) {
            o.put("ModifiedFrom", modified);
        }
        return o;
    }

    /** Main tags that are sequences, kept as full-format JSON in metadata (1.12.5+). */
    private static void addSequences(ObjectNode main, String metadata, TagFormat format) {
        if (metadata == null) {
            return;
        }
        JsonNode sequences;
        try {
            sequences = Json.MAPPER.readTree(metadata).path("Sequences");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return; // written by this server, so never malformed; ignore rather than fail a listing
        }
        sequences.fields().forEachRemaining(e -> {
            JsonNode full = e.getValue();
            switch (format) {
                case FULL -> main.set(e.getKey(), full);
                case SHORT -> main.set(e.getKey(), FullJson.simplify(full));
                case HUMAN -> main.set(full.path("Name").asText(e.getKey()), FullJson.simplify(full));
            }
        });
    }

    private static Long parseIndex(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void children(ObjectNode o, String key, ResourceDetails d) {
        ArrayNode a = o.putArray(key);
        d.children().forEach(a::add);
    }
}
