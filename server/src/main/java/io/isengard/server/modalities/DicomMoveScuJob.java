package io.isengard.server.modalities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.ingest.IngestService;
import io.isengard.server.jobs.Job;
import io.isengard.server.jobs.JobFactory;
import io.isengard.server.jobs.StepResult;
import io.isengard.server.model.ResourceType;
import io.isengard.server.rest.Json;
import io.isengard.server.rest.TagFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Orthanc's "DicomMoveScu" job (C-MOVE, jobs.md §5.4) and its C-GET twin
 * "DicomGetScu" (§5.5): one command per resource, run by a
 * {@link DicomRetrieveScu} on one association, closed whenever the job
 * leaves its worker and reopened on resume. The saved form has the
 * resources, the target, the cursor and the details of the resources
 * already retrieved, so a job reloaded after a restart goes on with the
 * next resource.
 */
public final class DicomMoveScuJob implements Job {
    public static final String MOVE_TYPE = "DicomMoveScu";
    public static final String GET_TYPE = "DicomGetScu";

    private final DicomRetrieveScu retrieve;
    private final ReentrantLock association = new ReentrantLock();

    public DicomMoveScuJob(DicomRetrieveScu.Request request, ModalityConnector connector, IngestService ingest) {
        this.retrieve = new DicomRetrieveScu(request, connector, ingest);
    }

    @Override
    public String type() {
        return retrieve.request().method() == DicomRetrieveScu.Method.C_MOVE ? MOVE_TYPE : GET_TYPE;
    }

    @Override
    public StepResult step() {
        association.lock();
        try {
            if (!retrieve.isDone()) {
                retrieve.step();
            }
        } finally {
            association.unlock();
        }
        return retrieve.isDone() ? StepResult.success() : StepResult.continueWithNextStep();
    }

    @Override
    public void stop() {
        association.lock();
        try {
            retrieve.close();
        } finally {
            association.unlock();
        }
    }

    @Override
    public double progress() {
        return retrieve.progress();
    }

    @Override
    public ObjectNode content() {
        return retrieve.content();
    }

    @Override
    public void reset() {
        retrieve.restore(0, List.of(), List.of());
    }

    @Override
    public ObjectNode serialize() {
        DicomRetrieveScu.Request rq = retrieve.request();
        ObjectNode o = Json.object();
        o.put("Description", rq.description());
        o.put("Permissive", rq.permissive());
        o.put("Level", rq.level().name());
        SavedTarget.write(o, rq.target());
        o.put("TargetAet", rq.targetAet());
        o.put("QueryFormat", rq.queryFormat().name());
        ArrayNode resources = o.putArray("Resources");
        rq.resources().forEach(r -> resources.add(TagFormat.SHORT.render(r)));
        o.put("Position", retrieve.position());
        ArrayNode received = o.putArray("Received");
        for (List<String> ids : retrieve.received()) {
            ArrayNode a = received.addArray();
            ids.forEach(a::add);
        }
        ArrayNode statuses = o.putArray("Statuses");
        retrieve.statuses().forEach(statuses::add);
        return o;
    }

    /** Rebuilds saved jobs of either type (SaveJobs), at their saved cursor. */
    public static JobFactory factory(DicomRetrieveScu.Method method, ModalityConnector connector,
            IngestService ingest) {
        return saved -> {
            List<SortedMap<Integer, String>> resources = new ArrayList<>();
            for (JsonNode r : saved.path("Resources")) {
                resources.add(QueryKeys.parse(r, "a saved resource must map DICOM tags to strings"));
            }
            DicomRetrieveScu.Request rq = new DicomRetrieveScu.Request(method, SavedTarget.read(saved),
                    ResourceType.valueOf(DicomModalityStoreJob.text(saved, "Level")), resources,
                    DicomModalityStoreJob.text(saved, "TargetAet"), saved.path("Permissive").asBoolean(),
                    DicomModalityStoreJob.text(saved, "Description"),
                    TagFormat.valueOf(DicomModalityStoreJob.text(saved, "QueryFormat")));
            DicomMoveScuJob job = new DicomMoveScuJob(rq, connector, ingest);
            List<List<String>> received = new ArrayList<>();
            for (JsonNode ids : saved.path("Received")) {
                List<String> list = new ArrayList<>();
                ids.forEach(id -> list.add(id.asText()));
                received.add(list);
            }
            List<Integer> statuses = new ArrayList<>();
            saved.path("Statuses").forEach(s -> statuses.add(s.asInt()));
            job.retrieve.restore(saved.path("Position").asInt(), received, statuses);
            return job;
        };
    }
}
