package io.isengard.server.modalities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.index.Index;
import io.isengard.server.jobs.JobFactory;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.resources.InstanceFiles;
import io.isengard.server.jobs.SetOfInstancesJob;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orthanc's "DicomModalityStore" job (jobs.md §5.2, modalities.md §4.1):
 * one instance per command, sent by a {@link DicomModalityStore} on one
 * association that is opened lazily and closed whenever the job leaves its
 * worker (end, failure, pause, cancel, shutdown), to be reopened on resume.
 * Its saved form holds the target as it was resolved when the job was
 * created, so a job reloaded after a restart sends to the same place even
 * if the modality was changed or removed since.
 */
public final class DicomModalityStoreJob extends SetOfInstancesJob {
    public static final String TYPE = "DicomModalityStore";
    private static final Logger LOG = LoggerFactory.getLogger(DicomModalityStoreJob.class);

    private final DicomModalityStore.Request request;
    private final DicomModalityStore store;
    /** stop() may run on the worker that left while another one already steps the resumed job. */
    private final ReentrantLock association = new ReentrantLock();

    public DicomModalityStoreJob(DicomModalityStore.Request request, Index index, InstanceFiles files,
            ModalityConnector connector) {
        super(request.description(), request.permissive(), request.instances(), request.parentResources());
        this.request = request;
        this.store = new DicomModalityStore(request, index, files, connector);
    }

    @Override
    public String type() {
        return TYPE;
    }

    public DicomModalityStore.Request request() {
        return request;
    }

    @Override
    protected boolean handleInstance(String instanceId) {
        boolean sent;
        association.lock();
        try {
            store.send(instanceId);
            sent = true;
        } catch (OrthancException e) {
            if (e.error() == ErrorCode.UnknownResource) {
                // As Orthanc: an instance deleted since the job was created is a failed instance, not an error.
                LOG.warn("{} job to modality \"{}\": instance {} was removed after the job was created", TYPE,
                        request.modalityName(), instanceId);
                sent = false;
            } else if (permissive()) {
                // Isengard counts the instances a permissive store could not send (see docs/modalities.md).
                LOG.warn("{} job to modality \"{}\": instance {} not sent ({}), going on (Permissive)", TYPE,
                        request.modalityName(), instanceId, e.details());
                sent = false;
            } else {
                throw e;
            }
        } finally {
            association.unlock();
        }
        return sent;
    }

    @Override
    public void stop() {
        association.lock();
        try {
            store.close();
        } finally {
            association.unlock();
        }
    }

    @Override
    protected void addContent(ObjectNode content) {
        super.addContent(content);
        content.put("LocalAet", request.target().callingAet());
        content.put("RemoteAet", request.target().calledAet());
        if (request.moveOriginatorId() != 0) {
            content.put("MoveOriginatorAET", request.moveOriginatorAet());
            content.put("MoveOriginatorID", request.moveOriginatorId());
        }
    }

    @Override
    protected void addSaved(ObjectNode saved) {
        super.addSaved(saved);
        saved.put("RemoteModalityName", request.modalityName());
        SavedTarget.write(saved, request.target());
        saved.put("MoveOriginatorAet", request.moveOriginatorAet());
        saved.put("MoveOriginatorID", request.moveOriginatorId());
    }

    /** Rebuilds saved jobs (SaveJobs), at their saved cursor. */
    public static JobFactory factory(Index index, InstanceFiles files, ModalityConnector connector) {
        return saved -> {
            DicomModalityStore.Request rq = new DicomModalityStore.Request(text(saved, "RemoteModalityName"),
                    SavedTarget.read(saved), savedParentResources(saved), savedInstances(saved),
                    text(saved, "MoveOriginatorAet"), saved.path("MoveOriginatorID").asInt(),
                    saved.path("Permissive").asBoolean(), text(saved, "Description"));
            DicomModalityStoreJob job = new DicomModalityStoreJob(rq, index, files, connector);
            job.restore(saved);
            return job;
        };
    }

    static String text(JsonNode saved, String field) {
        JsonNode n = saved.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("the saved job has no string \"" + field + "\"");
        }
        return n.asText();
    }
}
