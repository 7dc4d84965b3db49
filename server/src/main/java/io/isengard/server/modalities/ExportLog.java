package io.isengard.server.modalities;

import java.util.List;

/**
 * Where a store to a modality records what it sent: one /exports entry per
 * listed resource, "RemoteModality" being the symbolic name (modalities.md
 * §4.1), when "LogExportedResources" is true. The index has no exports
 * table yet: the composition root passes the writer once it exists.
 */
@FunctionalInterface
public interface ExportLog {
    /** Called once the resources were sent. */
    void exported(String modalityName, List<String> resourceIds);

    /** Records nothing. */
    ExportLog NONE = (modality, resources) -> { };
}
