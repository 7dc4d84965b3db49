package io.isengard.server.modalities;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.dicom.DataSet;
import io.isengard.dicom.Tag;
import io.isengard.dicom.VR;
import io.isengard.dicom.json.OrthancJson;
import io.isengard.dicom.json.OrthancJsonOptions;
import io.isengard.server.ingest.IngestService;
import io.isengard.server.model.ResourceType;
import io.isengard.server.rest.Json;
import io.isengard.server.rest.TagFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/** Queries against modalities and the retrieves of their answers (modalities.md §7). */
public final class QueryService {
    private final ModalityRegistry registry;
    private final ModalityConnector connector;
    private final FindScu find;
    private final QueryStore store;
    private final IngestService ingest;

    public QueryService(ModalityRegistry registry, ModalityConnector connector, FindScu find, QueryStore store,
            IngestService ingest) {
        this.registry = registry;
        this.connector = connector;
        this.find = find;
        this.store = store;
        this.ingest = ingest;
    }

    public QueryStore store() {
        return store;
    }

    /** Runs a C-FIND now and keeps its answers under a new ID. */
    public QueryAnswers query(String modalityName, ResourceType level, SortedMap<Integer, String> query,
            boolean normalize, String localAet, Integer timeout) {
        RemoteModality m = registry.require(modalityName);
        ModalityConnector.Target target = connector.target(m, localAet, timeout);
        List<DataSet> answers = find.find(target, level, query, normalize);
        QueryAnswers q = new QueryAnswers(UUID.randomUUID().toString(), modalityName, level, query, normalize,
                localAet, timeout, answers);
        store.add(q);
        return q;
    }

    /** An answer in one of Orthanc's formats (UTF-8 strings, sequences included). */
    public static ObjectNode answerJson(DataSet answer, TagFormat format) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(OrthancJson.toJson(answer, format.orthancFormat(),
                    OrthancJsonOptions.TAGS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The string values of an answer, as a retrieve describes it (not its character set nor where to retrieve). */
    static SortedMap<Integer, String> stringValues(DataSet answer) {
        TreeMap<Integer, String> out = new TreeMap<>(Tag::compare);
        for (int i = 0; i < answer.size(); i++) {
            int tag = answer.tagAt(i);
            VR vr = answer.vrAt(i);
            if (tag == Tag.SpecificCharacterSet || tag == 0x00080054 || vr == VR.SQ || !(answer.valueAt(i)
                    instanceof byte[])) {
                continue;
            }
            String[] values = answer.strings(tag);
            out.put(tag, values == null ? "" : String.join("\\", values));
        }
        return out;
    }

    /**
     * Retrieves answers of a query (C-MOVE to {@code targetAet}, or C-GET) on
     * the query's modality with the query's local AET: the job to submit.
     */
    public DicomMoveScuJob retrieve(QueryAnswers q, List<DataSet> answers, String targetAet, Integer timeout,
            TagFormat format, boolean permissive, String retrieveMethod) {
        RemoteModality m = registry.require(q.modalityName());
        ModalityConnector.Target target = connector.target(m, q.localAet(), timeout != null ? timeout : q.timeout());
        String method = retrieveMethod != null ? retrieveMethod
                : m.retrieveMethod() != null ? m.retrieveMethod() : connector.settings().defaultRetrieveMethod();
        ResourceType level = q.level();
        List<SortedMap<Integer, String>> resources = new ArrayList<>();
        for (DataSet a : answers) {
            ResourceType l = QueryLevels.ofDicom(a.string(FindScu.QUERY_RETRIEVE_LEVEL));
            if (l != null) {
                level = l;
            }
            resources.add(stringValues(a));
        }
        DicomRetrieveScu.Request rq = new DicomRetrieveScu.Request(
                method.equals("C-GET") ? DicomRetrieveScu.Method.C_GET : DicomRetrieveScu.Method.C_MOVE, target,
                level, resources, targetAet != null ? targetAet : connector.settings().dicomAet(), permissive,
                "REST API", format);
        return new DicomMoveScuJob(rq, connector, ingest);
    }

    /** Tags copied from a parent answer into a child query (§7.6). */
    static int[] inheritedTags(ResourceType parentLevel) {
        return switch (parentLevel) {
            case PATIENT -> new int[] {FindScu.PATIENT_ID};
            case STUDY -> new int[] {FindScu.STUDY_INSTANCE_UID};
            case SERIES -> new int[] {FindScu.STUDY_INSTANCE_UID, FindScu.SERIES_INSTANCE_UID};
            case INSTANCE -> new int[0];
        };
    }
}
