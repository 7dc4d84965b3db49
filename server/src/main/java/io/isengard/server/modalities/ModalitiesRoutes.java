package io.isengard.server.modalities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.dicom.DataSet;
import io.isengard.dicom.Tag;
import io.isengard.dicom.io.DicomFile;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.ReadOptions;
import io.isengard.dicom.net.DimseResponse;
import io.isengard.dicom.net.PresentationContexts;
import io.isengard.dicom.net.Scu;
import io.isengard.server.index.Index;
import io.isengard.server.ingest.IngestService;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.ResourceType;
import io.isengard.server.resources.InstanceFiles;
import io.isengard.server.rest.JobSubmission;
import io.isengard.server.rest.Json;
import io.isengard.server.rest.OrthancRouter;
import io.isengard.server.rest.RestCall;
import io.isengard.server.rest.TagFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** /modalities and /tools/dicom-echo (modalities.md §2-7). */
public final class ModalitiesRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(ModalitiesRoutes.class);

    /** The operations listed by GET /modalities/{id} (1.12.6+: with "get"). */
    static final List<String> OPERATIONS = List.of("configuration", "echo", "find", "find-instance", "find-patient",
            "find-series", "find-study", "find-worklist", "get", "move", "query", "storage-commitment", "store",
            "store-straight");

    private final ModalityRegistry registry;
    private final ModalityConnector connector;
    private final FindScu find;
    private final QueryService queries;
    private final Index index;
    private final InstanceFiles files;
    private final IngestService ingest;
    private final ExportLog exports;
    private final JobSubmission jobs;

    public ModalitiesRoutes(ModalityRegistry registry, ModalityConnector connector, FindScu find,
            QueryService queries, Index index, InstanceFiles files, IngestService ingest, ExportLog exports,
            JobSubmission jobs) {
        this.exports = exports;
        this.jobs = jobs;
        this.registry = registry;
        this.connector = connector;
        this.find = find;
        this.queries = queries;
        this.index = index;
        this.files = files;
        this.ingest = ingest;
    }

    public void register(OrthancRouter r) {
        r.get("/modalities", this::list);
        r.get("/modalities/{id}", call -> {
            if (registry.find(call.parameter("id")).isPresent()) {
                ArrayNode a = Json.array();
                OPERATIONS.forEach(a::add);
                call.answerJson(a);
            } // unknown: unanswered, 404 with an empty body
        });
        r.get("/modalities/{id}/configuration",
                call -> call.answerJson(registry.require(call.parameter("id")).toJson()));
        r.put("/modalities/{id}", this::put);
        r.delete("/modalities/{id}", call -> {
            registry.remove(call.parameter("id"));
            call.answerText("");
        });
        r.post("/modalities/{id}/echo", call -> echo(call, registry.require(call.parameter("id"))));
        r.post("/tools/dicom-echo", call -> {
            JsonNode body = RequestBodies.parse(call.bodyAsString(), "Cannot parse the JSON body");
            echo(call, RemoteModality.parse(body), body.isObject() ? body : null);
        });
        r.post("/modalities/{id}/store", this::store);
        r.post("/modalities/{id}/store-straight", this::storeStraight);
        r.post("/modalities/{id}/move", call -> retrieve(call, DicomRetrieveScu.Method.C_MOVE));
        r.post("/modalities/{id}/get", call -> retrieve(call, DicomRetrieveScu.Method.C_GET));
        r.post("/modalities/{id}/query", this::query);
        r.post("/modalities/{id}/find-patient", call -> deprecatedFind(call, ResourceType.PATIENT));
        r.post("/modalities/{id}/find-study", call -> deprecatedFind(call, ResourceType.STUDY));
        r.post("/modalities/{id}/find-series", call -> deprecatedFind(call, ResourceType.SERIES));
        r.post("/modalities/{id}/find-instance", call -> deprecatedFind(call, ResourceType.INSTANCE));
        r.post("/modalities/{id}/find", this::hierarchicalFind);
        r.post("/modalities/{id}/find-worklist", this::findWorklist);
        r.post("/modalities/{id}/storage-commitment", call -> {
            registry.require(call.parameter("id"));
            throw new OrthancException(ErrorCode.NotImplemented, "Storage commitment SCU is not implemented in"
                    + " Isengard yet");
        });
    }

    private void list(RestCall call) throws IOException {
        if (call.hasArgument("expand") && call.booleanArgument("expand", true)) {
            ObjectNode o = Json.object();
            registry.all().forEach((name, m) -> o.set(name, m.toJson()));
            call.answerJson(o);
        } else {
            ArrayNode a = Json.array();
            registry.names().forEach(a::add);
            call.answerJson(a);
        }
    }

    private void put(RestCall call) throws IOException {
        String name = call.parameter("id");
        ModalityRegistry.checkName(name);
        JsonNode body = RequestBodies.parse(call.bodyAsString(), "Cannot parse the JSON body");
        registry.put(name, RemoteModality.parse(body));
        call.answerText("");
    }

    // ------------------------------------------------------------ C-ECHO

    private void echo(RestCall call, RemoteModality m) throws IOException {
        JsonNode body = RequestBodies.optionalJson(call, "Cannot parse the JSON body");
        echo(call, m, body != null && body.isObject() ? body : null);
    }

    private void echo(RestCall call, RemoteModality m, JsonNode options) throws IOException {
        Integer timeout = RequestBodies.timeout(options, "Timeout");
        boolean checkFind = RequestBodies.bool(options, "CheckFind", connector.settings().echoChecksFind());
        ModalityConnector.Target target = connector.target(m, null, timeout);
        int status;
        try (Scu scu = connector.open(target, ModalityConnector.controlContexts())) {
            try {
                status = scu.echo();
            } catch (IOException e) {
                scu.abort();
                throw ModalityConnector.failure("C-ECHO to", target.calledAet(), e);
            }
        }
        if (status != 0) {
            LOG.warn("C-ECHO to AET \"{}\" answered DIMSE status {}", target.calledAet(),
                    DicomStoreFailure.hex(status));
            call.answerEmpty(500);
            return;
        }
        if (checkFind) {
            // A study that surely does not exist: the C-FIND must succeed with no answer.
            TreeMap<Integer, String> q = new TreeMap<>(Tag::compare);
            q.put(FindScu.STUDY_INSTANCE_UID, "2.25." + new java.math.BigInteger(UUID.randomUUID().toString()
                    .replace("-", ""), 16));
            find.find(target, ResourceType.STUDY, q, true);
        }
        call.answerJson(Json.object());
    }

    // ------------------------------------------------------------ C-STORE

    private void store(RestCall call) throws IOException, InterruptedException {
        String text = call.bodyAsString();
        JsonNode json = RequestBodies.jsonOrNull(text);
        List<String> resources = RequestBodies.resources(text, json);
        JsonNode options = json != null && json.isObject() ? json : null;
        RemoteModality m = registry.require(call.parameter("id"));
        String localAet = RequestBodies.string(options, "LocalAet");
        Integer timeout = RequestBodies.timeout(options, "Timeout");
        String moveOriginatorAet = RequestBodies.string(options, "MoveOriginatorAet");
        int moveOriginatorId = 0;
        if (options != null && options.has("MoveOriginatorID")) {
            JsonNode id = options.get("MoveOriginatorID");
            if (!id.isIntegralNumber()) {
                throw new OrthancException(ErrorCode.BadFileFormat,
                        "Integer value expected in field: MoveOriginatorID");
            }
            if (id.asLong() < 0 || id.asLong() > 65535) {
                throw new OrthancException(ErrorCode.ParameterOutOfRange,
                        "MoveOriginatorID must be in range [0..65535], but found: " + id.asLong());
            }
            moveOriginatorId = id.asInt();
        }
        if (RequestBodies.bool(options, "StorageCommitment", false)) {
            throw new OrthancException(ErrorCode.NotImplemented,
                    "Storage commitment is not implemented in Isengard yet: send without \"StorageCommitment\"");
        }
        JobSubmission.Options job = JobSubmission.options(options != null ? options : Json.object(), true);
        ModalityConnector.Target target = connector.target(m, localAet, timeout);
        String calledAet = RequestBodies.string(options, "CalledAet");
        String host = RequestBodies.string(options, "Host");
        Integer port = options != null && options.has("Port") ? RemoteModality.port(options.get("Port")) : null;
        if (calledAet != null || host != null || port != null) {
            target = new ModalityConnector.Target(m, target.callingAet(), calledAet != null ? calledAet : m.aet(),
                    host != null ? host : m.host(), port != null ? port : m.port(), target.timeoutSeconds());
        }
        List<String> instances = DicomModalityStore.expandToInstances(index, resources);
        DicomModalityStore.Request rq = new DicomModalityStore.Request(call.parameter("id"), target, resources,
                instances, moveOriginatorAet != null ? moveOriginatorAet : connector.settings().dicomAet(),
                moveOriginatorId, job.permissive(), "REST API");
        exports.exported(call.parameter("id"), resources); // before the transfer, which may fail (as Orthanc)
        jobs.answer(call, new DicomModalityStoreJob(rq, index, files, connector), job);
    }

    private void storeStraight(RestCall call) throws IOException {
        RemoteModality m = registry.require(call.parameter("id"));
        Path temporary = Files.createTempFile("isengard-store-straight-", ".dcm");
        try {
            long size;
            try (InputStream in = call.body()) {
                size = Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            }
            DicomFile file;
            try {
                file = DicomReader.read(temporary, ReadOptions.HEADER_ONLY);
            } catch (IOException | RuntimeException e) {
                throw new OrthancException(ErrorCode.BadFileFormat,
                        "Cannot parse an invalid DICOM file (size: " + size + " bytes)", e);
            }
            String sopClass = file.dataSet().string(Tag.SOPClassUID, file.meta().string(0x00020002));
            String sopInstance = file.dataSet().string(Tag.SOPInstanceUID, file.meta().string(0x00020003));
            if (sopClass == null || sopInstance == null) {
                throw new OrthancException(ErrorCode.NoSopClassOrInstance,
                        "the DICOM file has no SOP Class UID or no SOP Instance UID");
            }
            ModalityConnector.Target target = connector.target(m, null, null);
            PresentationContexts contexts = new PresentationContexts().storage(sopClass,
                    file.transferSyntax().uid());
            try (Scu scu = connector.open(target, contexts)) {
                DimseResponse rsp;
                try {
                    rsp = scu.store(temporary);
                } catch (Scu.NoPresentationContextException e) {
                    throw new OrthancException(ErrorCode.NoPresentationContext, "No valid presentation context was "
                            + "negotiated for SOP class UID [" + sopClass + "] and transfer syntax ["
                            + file.transferSyntax().uid() + "] while sending to modality [" + m.aet() + "]", e);
                } catch (IOException e) {
                    scu.abort();
                    throw ModalityConnector.failure("sending C-STORE to", target.calledAet(), e);
                }
                if (!DicomStoreFailure.isSuccess(rsp.status())) {
                    throw DicomStoreFailure.of(target.calledAet(), rsp.status());
                }
            }
            ObjectNode o = Json.object();
            o.put("SOPClassUID", sopClass);
            o.put("SOPInstanceUID", sopInstance);
            call.answerJson(o);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    // ------------------------------------------------------------ C-MOVE, C-GET

    private void retrieve(RestCall call, DicomRetrieveScu.Method method) throws IOException, InterruptedException {
        JsonNode body = RequestBodies.jsonOrNull(call.bodyAsString());
        String mandatory = "Must provide a JSON body containing fields Resources and Level";
        if (body == null || !body.isObject() || !body.has("Level") || !body.get("Level").isTextual()
                || !body.has("Resources") || !body.get("Resources").isArray()) {
            throw new OrthancException(ErrorCode.BadFileFormat, mandatory);
        }
        RemoteModality m = registry.require(call.parameter("id"));
        ResourceType level = QueryLevels.parse(body.get("Level").asText());
        List<SortedMap<Integer, String>> resources = new ArrayList<>();
        for (JsonNode r : body.get("Resources")) {
            resources.add(QueryKeys.parse(r, "Resources must be an array of JSON objects, each mapping DICOM tags"
                    + " to strings"));
        }
        String localAet = RequestBodies.string(body, "LocalAet");
        Integer timeout = RequestBodies.timeout(body, "Timeout");
        String targetAet = RequestBodies.string(body, "TargetAet");
        JobSubmission.Options job = JobSubmission.options(body, true);
        DicomRetrieveScu.Request rq = new DicomRetrieveScu.Request(method, connector.target(m, localAet, timeout),
                level, resources, targetAet != null ? targetAet : connector.settings().dicomAet(),
                job.permissive(), "REST API", TagFormat.SHORT);
        jobs.answer(call, new DicomMoveScuJob(rq, connector, ingest), job);
    }

    // ------------------------------------------------------------ C-FIND

    private void query(RestCall call) throws IOException {
        JsonNode body = RequestBodies.object(call, "Must provide a JSON object");
        registry.require(call.parameter("id"));
        JsonNode level = body.get("Level");
        if (level == null || !level.isTextual()) {
            throw new OrthancException(ErrorCode.BadFileFormat, "The JSON body must contain field Level");
        }
        boolean normalize = true;
        if (body.has("Normalize")) {
            if (!body.get("Normalize").isBoolean()) {
                throw new OrthancException(ErrorCode.BadFileFormat, "The field Normalize must contain a Boolean");
            }
            normalize = body.get("Normalize").asBoolean();
        }
        SortedMap<Integer, String> query = new TreeMap<>(Tag::compare);
        if (body.has("Query")) {
            if (!body.get("Query").isObject()) {
                throw new OrthancException(ErrorCode.BadFileFormat, "The field Query must contain a JSON object");
            }
            query = QueryKeys.parse(body.get("Query"),
                    "Associative array of DICOM tags to strings expected in field: Query");
        }
        String localAet = RequestBodies.string(body, "LocalAet");
        Integer timeout = RequestBodies.timeout(body, "Timeout");
        ResourceType l = QueryLevels.parse(level.asText());
        QueryAnswers q = queries.query(call.parameter("id"), l, query, normalize, localAet, timeout);
        call.answerJson(QueriesRoutes.idAndPath(q));
    }

    /**
     * The deprecated synchronous finds (§7.7): the body is the query itself,
     * the answer the array of simplified answers.
     */
    private void deprecatedFind(RestCall call, ResourceType level) throws IOException {
        RemoteModality m = registry.require(call.parameter("id"));
        JsonNode body = RequestBodies.jsonOrNull(call.bodyAsString());
        if (body == null || !body.isObject()) {
            call.answerEmpty(400);
            return;
        }
        LOG.warn("The route /modalities/{}/find-{} is deprecated, use /modalities/{}/query", call.parameter("id"),
                level.label().toLowerCase(java.util.Locale.ROOT), call.parameter("id"));
        TreeMap<Integer, String> given = new TreeMap<>(Tag::compare);
        Iterator<Map.Entry<String, JsonNode>> it = body.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            int tag = QueryKeys.tagOf(e.getKey());
            if (tag == -1 || !e.getValue().isTextual()) {
                call.answerEmpty(400);
                return;
            }
            given.put(tag, e.getValue().asText());
        }
        if (!deprecatedConstraintsMet(level, given)) {
            call.answerEmpty(400);
            return;
        }
        ArrayNode a = Json.array();
        levelFind(connector.target(m, null, null), level, given)
                .forEach(ds -> a.add(QueryService.answerJson(ds, TagFormat.HUMAN)));
        call.answerJson(a);
    }

    /** The query of a deprecated find: the main tags of the level (empty), then what the body gives. */
    private List<DataSet> levelFind(ModalityConnector.Target target, ResourceType level, Map<Integer, String> given) {
        TreeMap<Integer, String> query = new TreeMap<>(Tag::compare);
        find.mainTagsOf(level).forEach(t -> query.put(t, ""));
        List<Integer> kept = switch (level) {
            case PATIENT -> List.of();
            case STUDY -> List.of(FindScu.PATIENT_ID, FindScu.ACCESSION_NUMBER, 0x00080061);
            case SERIES -> List.of(FindScu.PATIENT_ID, FindScu.ACCESSION_NUMBER, FindScu.STUDY_INSTANCE_UID);
            case INSTANCE -> List.of(FindScu.PATIENT_ID, FindScu.ACCESSION_NUMBER, FindScu.STUDY_INSTANCE_UID,
                FindScu.SERIES_INSTANCE_UID);
        };
        given.forEach((tag, value) -> {
            if (level == ResourceType.PATIENT || query.containsKey(tag) || kept.contains(tag)) {
                query.put(tag, value);
            }
        });
        return find.find(target, level, query, true);
    }

    /** §7.7 {@code /find}: patients, their studies in "Studies", their series in "Series". */
    private void hierarchicalFind(RestCall call) throws IOException {
        RemoteModality m = registry.require(call.parameter("id"));
        JsonNode body = RequestBodies.jsonOrNull(call.bodyAsString());
        TreeMap<Integer, String> given;
        try {
            given = body == null ? null : QueryKeys.parse(body, "");
        } catch (OrthancException e) {
            given = null;
        }
        if (given == null) {
            call.answerEmpty(400);
            return;
        }
        LOG.warn("The route /modalities/{}/find is deprecated, use /modalities/{}/query", call.parameter("id"),
                call.parameter("id"));
        ModalityConnector.Target target = connector.target(m, null, null);
        ArrayNode result = Json.array();
        for (DataSet patient : levelFind(target, ResourceType.PATIENT, given)) {
            ObjectNode p = QueryService.answerJson(patient, TagFormat.HUMAN);
            ArrayNode studies = p.putArray("Studies");
            TreeMap<Integer, String> studyQuery = new TreeMap<>(Tag::compare);
            studyQuery.put(FindScu.PATIENT_ID, patient.string(FindScu.PATIENT_ID, ""));
            for (DataSet study : levelFind(target, ResourceType.STUDY, studyQuery)) {
                ObjectNode st = QueryService.answerJson(study, TagFormat.HUMAN);
                ArrayNode series = st.putArray("Series");
                TreeMap<Integer, String> seriesQuery = new TreeMap<>(studyQuery);
                seriesQuery.put(FindScu.STUDY_INSTANCE_UID, study.string(FindScu.STUDY_INSTANCE_UID, ""));
                levelFind(target, ResourceType.SERIES, seriesQuery)
                        .forEach(ds -> series.add(QueryService.answerJson(ds, TagFormat.HUMAN)));
                studies.add(st);
            }
            result.add(p);
        }
        call.answerJson(result);
    }

    /** §7.8: a worklist C-FIND; the query may hold sequences (arrays of objects). */
    private void findWorklist(RestCall call) throws IOException {
        RemoteModality m = registry.require(call.parameter("id"));
        JsonNode body = RequestBodies.object(call, "Must provide a JSON object");
        JsonNode query = body;
        TagFormat format = TagFormat.HUMAN;
        if (body.has("Query")) { // 1.9.5+ form; the legacy form is the query itself
            query = body.get("Query");
            if (!query.isObject()) {
                throw new OrthancException(ErrorCode.BadFileFormat, "The field Query must contain a JSON object");
            }
            format = RequestBodies.format(body, TagFormat.HUMAN);
        }
        DataSet identifier = new DataSet();
        String charset = find.identifier(Map.of()).string(Tag.SpecificCharacterSet);
        if (charset != null) {
            identifier.putString(Tag.SpecificCharacterSet, io.isengard.dicom.VR.CS, charset);
        }
        WorklistQuery.fill(identifier, query);
        List<DataSet> answers = find.run(connector.target(m, null, null), ModalityConnector.MODALITY_WORKLIST_FIND,
                identifier, null);
        ArrayNode a = Json.array();
        for (DataSet ds : answers) {
            ds.remove(Tag.SOPInstanceUID);
            ds.remove(Tag.MediaStorageSOPInstanceUID);
            a.add(QueryService.answerJson(ds, format));
        }
        call.answerJson(a);
    }

    /** Orthanc refuses too broad deprecated queries: identifiers of more than 2 characters are required. */
    private static boolean deprecatedConstraintsMet(ResourceType level, Map<Integer, String> q) {
        if (level == ResourceType.PATIENT) {
            return true;
        }
        boolean patientOrAccession = longer(q.get(FindScu.ACCESSION_NUMBER)) || longer(q.get(FindScu.PATIENT_ID));
        return switch (level) {
            case STUDY -> patientOrAccession;
            case SERIES -> patientOrAccession && longer(q.get(FindScu.STUDY_INSTANCE_UID));
            case INSTANCE -> patientOrAccession && longer(q.get(FindScu.STUDY_INSTANCE_UID))
                    && longer(q.get(FindScu.SERIES_INSTANCE_UID));
            default -> true;
        };
    }

    private static boolean longer(String s) {
        return s != null && s.length() > 2;
    }
}
