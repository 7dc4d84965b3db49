package io.isengard.server.modalities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.dicom.DataSet;
import io.isengard.dicom.Tag;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.ResourceType;
import io.isengard.server.rest.JobSubmission;
import io.isengard.server.rest.Json;
import io.isengard.server.rest.OrthancRouter;
import io.isengard.server.rest.RestCall;
import io.isengard.server.rest.TagFormat;
import java.io.IOException;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** The /queries tree (modalities.md §7.4-7.6). */
public final class QueriesRoutes {
    private final QueryService service;
    private final JobSubmission jobs;

    public QueriesRoutes(QueryService service, JobSubmission jobs) {
        this.service = service;
        this.jobs = jobs;
    }

    static ObjectNode idAndPath(QueryAnswers q) {
        ObjectNode o = Json.object();
        o.put("ID", q.id());
        o.put("Path", "/queries/" + q.id());
        return o;
    }

    public void register(OrthancRouter r) {
        QueryStore store = service.store();
        r.get("/queries", call -> {
            ArrayNode a = Json.array();
            store.ids().forEach(a::add);
            call.answerJson(a);
        });
        r.get("/queries/{id}", call -> {
            store.require(call.parameter("id"));
            ArrayNode a = Json.array();
            List.of("answers", "level", "modality", "query", "retrieve").forEach(a::add);
            call.answerJson(a);
        });
        r.delete("/queries/{id}", call -> {
            store.remove(call.parameter("id"));
            call.answerText("");
        });
        r.get("/queries/{id}/level", call -> call.answerText(store.require(call.parameter("id")).level().label()));
        r.get("/queries/{id}/modality",
                call -> call.answerText(store.require(call.parameter("id")).modalityName()));
        r.get("/queries/{id}/query", call -> call.answerJson(
                TagFormat.of(call, TagFormat.FULL).render(store.require(call.parameter("id")).query())));
        r.get("/queries/{id}/answers", this::answers);
        r.get("/queries/{id}/answers/{index}", call -> {
            QueryAnswers q = store.require(call.parameter("id"));
            answer(q, call.parameter("index"));
            ArrayNode a = Json.array();
            a.add("content");
            a.add("retrieve");
            switch (q.level()) {
                case PATIENT -> List.of("query-study", "query-series", "query-instances").forEach(a::add);
                case STUDY -> List.of("query-series", "query-instances").forEach(a::add);
                case SERIES -> a.add("query-instances");
                case INSTANCE -> { }
            }
            call.answerJson(a);
        });
        r.get("/queries/{id}/answers/{index}/content", call -> {
            QueryAnswers q = store.require(call.parameter("id"));
            call.answerJson(QueryService.answerJson(answer(q, call.parameter("index")),
                    TagFormat.of(call, TagFormat.FULL)));
        });
        r.post("/queries/{id}/retrieve", call -> {
            QueryAnswers q = store.require(call.parameter("id"));
            retrieve(call, q, q.answers());
        });
        r.post("/queries/{id}/answers/{index}/retrieve", call -> {
            QueryAnswers q = store.require(call.parameter("id"));
            retrieve(call, q, List.of(answer(q, call.parameter("index"))));
        });
        r.post("/queries/{id}/answers/{index}/query-studies", call -> child(call, ResourceType.STUDY));
        r.post("/queries/{id}/answers/{index}/query-series", call -> child(call, ResourceType.SERIES));
        r.post("/queries/{id}/answers/{index}/query-instances", call -> child(call, ResourceType.INSTANCE));
    }

    private void answers(RestCall call) throws IOException {
        QueryAnswers q = service.store().require(call.parameter("id"));
        ArrayNode a = Json.array();
        if (call.hasArgument("expand") && call.booleanArgument("expand", true)) {
            TagFormat format = TagFormat.of(call, TagFormat.FULL);
            q.answers().forEach(ds -> a.add(QueryService.answerJson(ds, format)));
        } else {
            for (int i = 0; i < q.answers().size(); i++) {
                a.add(Integer.toString(i));
            }
        }
        call.answerJson(a);
    }

    /** The i-th answer; not a number → 400 error 5 (as Orthanc's lexical cast), out of range → 400 error 3. */
    private static DataSet answer(QueryAnswers q, String index) {
        int i = Integer.parseInt(index); // NumberFormatException: error 5 "Syntax error in some user-supplied data"
        if (i < 0 || i >= q.answers().size()) {
            // Orthanc gives no details here.
            throw new OrthancException(ErrorCode.ParameterOutOfRange);
        }
        return q.answers().get(i);
    }

    /** §7.5: empty body = DicomAet; a body that is not JSON = the target AET; or a JSON object of options. */
    private void retrieve(RestCall call, QueryAnswers q, List<DataSet> answers)
            throws IOException, InterruptedException {
        String text = call.bodyAsString();
        JsonNode body = RequestBodies.jsonOrNull(text);
        String targetAet = null;
        Integer timeout = null;
        TagFormat format = TagFormat.SHORT;
        String method = null;
        JobSubmission.Options job = JobSubmission.options(Json.object(), true);
        if (body == null) {
            targetAet = text.isBlank() ? null : text.strip();
        } else if (body.isObject()) {
            targetAet = RequestBodies.string(body, "TargetAet");
            timeout = RequestBodies.timeout(body, "Timeout");
            format = RequestBodies.format(body, TagFormat.SHORT);
            method = RequestBodies.string(body, "RetrieveMethod");
            if (method != null && !method.equals("C-MOVE") && !method.equals("C-GET")) {
                throw new OrthancException(ErrorCode.ParameterOutOfRange,
                        "RetrieveMethod must be \"C-MOVE\" or \"C-GET\", but found: \"" + method + "\"");
            }
            job = JobSubmission.options(body, true);
        } else if (body.isTextual()) {
            targetAet = body.asText();
        } else {
            throw new OrthancException(ErrorCode.BadFileFormat, "Must provide a JSON object or a target AET");
        }
        jobs.answer(call, service.retrieve(q, answers, targetAet, timeout, format, job.permissive(), method), job);
    }

    private void child(RestCall call, ResourceType childLevel) throws IOException {
        QueryAnswers parent = service.store().require(call.parameter("id"));
        DataSet answer = answer(parent, call.parameter("index"));
        JsonNode body = RequestBodies.object(call, "Must provide a JSON object");
        boolean allowed = switch (childLevel) {
            case STUDY -> parent.level() == ResourceType.PATIENT;
            case SERIES -> parent.level() == ResourceType.PATIENT || parent.level() == ResourceType.STUDY;
            case INSTANCE -> parent.level() != ResourceType.INSTANCE;
            case PATIENT -> false;
        };
        if (!allowed) {
            throw new OrthancException(ErrorCode.UnknownResource, "Cannot query " + childLevel.label()
                    + " level below an answer at the " + parent.level().label() + " level");
        }
        SortedMap<Integer, String> query = new TreeMap<>(Tag::compare);
        if (body.has("Query")) {
            query = QueryKeys.parse(body.get("Query"),
                    "Associative array of DICOM tags to strings expected in field: Query");
        }
        for (int tag : QueryService.inheritedTags(parent.level())) {
            String value = answer.string(tag);
            if (value == null || value.isEmpty()) {
                throw new OrthancException(ErrorCode.InexistentTag, "The answer has no tag " + Tag.toString(tag)
                        + " (" + QueryKeys.keyword(tag) + ")");
            }
            query.put(tag, value);
        }
        Integer timeout = RequestBodies.timeout(body, "Timeout");
        QueryAnswers q = service.query(parent.modalityName(), childLevel, query, parent.normalize(),
                parent.localAet(), timeout != null ? timeout : parent.timeout());
        call.answerJson(idAndPath(q));
    }
}
