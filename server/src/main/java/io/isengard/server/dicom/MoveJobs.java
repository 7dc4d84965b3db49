package io.isengard.server.dicom;

import java.util.List;

/**
 * Where the DICOM server's C-MOVEs go when "SynchronousCMove" is false
 * (dicom-server.md §7, step 5): a job of the jobs engine sends the
 * instances, and the C-MOVE answers without waiting for it.
 */
@FunctionalInterface
public interface MoveJobs {
    /**
     * Submits a job that sends {@code instances} (public IDs) to the modality
     * {@code destination}, its C-STOREs naming the move originator when
     * {@code originatorMessageId} is not 0; returns the job's ID.
     */
    String submit(KnownModality destination, List<String> instances, String originatorAet, int originatorMessageId);
}
