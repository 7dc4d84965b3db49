package io.isengard.server.ingest;

/** The outcome of storing one instance, with the Orthanc IDs computed from the file. */
public record StoreResult(StoreStatus status, String instanceId, String seriesId, String studyId, String patientId) {
}
