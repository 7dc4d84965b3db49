package io.isengard.server.modalities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The association target of a modality job in its saved form (SaveJobs):
 * the modality's parameters and the AETs, host, port and timeout resolved
 * when the job was created.
 */
final class SavedTarget {
    private SavedTarget() {}

    static void write(ObjectNode saved, ModalityConnector.Target t) {
        saved.set("RemoteModality", t.modality().toJson());
        saved.put("LocalAet", t.callingAet());
        saved.put("RemoteAet", t.calledAet());
        saved.put("Host", t.host());
        saved.put("Port", t.port());
        saved.put("Timeout", t.timeoutSeconds());
    }

    static ModalityConnector.Target read(JsonNode saved) {
        JsonNode modality = saved.get("RemoteModality");
        if (modality == null || !modality.isObject()) {
            throw new IllegalArgumentException("the saved job has no \"RemoteModality\" object");
        }
        return new ModalityConnector.Target(RemoteModality.parse(modality), DicomModalityStoreJob.text(saved,
                "LocalAet"), DicomModalityStoreJob.text(saved, "RemoteAet"), DicomModalityStoreJob.text(saved, "Host"),
                saved.path("Port").asInt(), saved.path("Timeout").asInt());
    }
}
