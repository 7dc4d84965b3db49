package io.isengard.server.modalities;

import java.util.List;

/**
 * Where a store to a modality records what it sent: one /exports entry per
 * listed resource, "RemoteModality" being the symbolic name (modalities.md
 * §4.1), when "LogExportedResources" is true; the composition root passes
 * the writer (resources.ExportLog).
 */
@FunctionalInterface
public interface ExportLog {
    /** Called before the resources are sent (a failed transfer is logged too, as in Orthanc). */
    void exported(String modalityName, List<String> resourceIds);

    /** Records nothing. */
    ExportLog NONE = (modality, resources) -> { };
}
