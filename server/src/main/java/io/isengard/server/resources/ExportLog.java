package io.isengard.server.resources;

import io.isengard.server.index.ExportedResource;
import io.isengard.server.index.Index;
import io.isengard.server.index.IndexTransaction;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.OrthancTime;
import io.isengard.server.model.ResourceType;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;

/**
 * "LogExportedResources" (rest-core.md §6, peers.md §4): one /exports entry
 * per resource a store request lists, with the DICOM identifiers of the
 * resource and its ancestors, written before the transfer (so a failed
 * transfer is logged too, as in Orthanc).
 */
public final class ExportLog {
    private static final int PATIENT_ID = 0x00100020;
    private static final int STUDY_INSTANCE_UID = 0x0020000D;
    private static final int SERIES_INSTANCE_UID = 0x0020000E;
    private static final int SOP_INSTANCE_UID = 0x00080018;

    private final Index index;
    private final Clock clock;
    private final boolean enabled;

    public ExportLog(Index index, Clock clock, boolean enabled) {
        this.index = index;
        this.clock = clock;
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Logs the resources sent to {@code remote} (a modality's or peer's symbolic name), when enabled. */
    public void log(Collection<ResourceRef> resources, String remote) {
        if (!enabled || resources.isEmpty()) {
            return;
        }
        String date = OrthancTime.nowUtc(clock);
        index.write(tx -> {
            for (ResourceRef r : resources) {
                tx.logExport(entry(tx, r, remote, date));
            }
            return null;
        });
    }

    private static ExportedResource entry(IndexTransaction tx, ResourceRef r, String remote, String date) {
        String[] ids = new String[4]; // patient, study, series, instance identifiers
        int[] tags = {PATIENT_ID, STUDY_INSTANCE_UID, SERIES_INSTANCE_UID, SOP_INSTANCE_UID};
        ResourceRef at = r;
        while (at != null) {
            int level = at.type().ordinal();
            Map<Integer, String> main = tx.mainDicomTags(at.internalId());
            ids[level] = main.getOrDefault(tags[level], "");
            at = at.type() == ResourceType.PATIENT ? null : tx.lookup(at.parentId());
        }
        return new ExportedResource(0, r.type(), r.publicId(), remote, ids[0], ids[1], ids[2], ids[3], date);
    }
}
