package io.isengard.server.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.IsengardVersion;
import io.isengard.server.index.GlobalStatistics;
import io.isengard.server.index.Index;
import io.isengard.server.ingest.MainDicomTags;
import io.isengard.server.model.ResourceType;
import java.io.IOException;

/** GET /system and GET /statistics (rest-core.md §7-8). */
public final class SystemRoutes {
    /** What /system reports of the server's configuration. */
    public record SystemInfo(String name, String dicomAet, int dicomPort, int httpPort, boolean httpSecure,
            boolean checkRevisions, boolean storageCompression, boolean overwriteInstances, String ingestTranscoding,
            String databaseServerIdentifier, long maximumStorageSize, long maximumPatientCount,
            String maximumStorageMode, boolean readOnly, String dicomDefaultRetrieveMethod,
            ObjectNode userMetadata) {
    }

    private static final int DATABASE_VERSION = 6;

    private final Index index;
    private final MainDicomTags mainTags;
    private final SystemInfo info;

    public SystemRoutes(Index index, MainDicomTags mainTags, SystemInfo info) {
        this.index = index;
        this.mainTags = mainTags;
        this.info = info;
    }

    public void register(OrthancRouter r) {
        r.get("/system", this::system);
        r.get("/statistics", this::statistics);
    }

    private void system(RestCall call) throws IOException {
        ObjectNode o = Json.object();
        o.put("ApiVersion", IsengardVersion.ORTHANC_API_VERSION);
        ObjectNode caps = o.putObject("Capabilities");
        caps.put("HasExtendedChanges", true);
        caps.put("HasExtendedFind", true);
        caps.put("HasKeyValueStores", false);
        caps.put("HasQueues", false);
        caps.put("HasReserveQueueValue", false);
        o.put("CheckRevisions", info.checkRevisions());
        o.putNull("DatabaseBackendPlugin");
        o.put("DatabaseServerIdentifier", info.databaseServerIdentifier());
        o.put("DatabaseVersion", DATABASE_VERSION);
        o.put("DicomAet", info.dicomAet());
        o.put("DicomDefaultRetrieveMethod", info.dicomDefaultRetrieveMethod());
        o.put("DicomPort", info.dicomPort());
        o.put("HasLabels", true);
        o.put("HttpPort", info.httpPort());
        o.put("IngestTranscoding", info.ingestTranscoding());
        o.put("IsHttpServerSecure", info.httpSecure());
        o.put("Isengard", IsengardVersion.isengard());
        ObjectNode tags = o.putObject("MainDicomTags");
        for (ResourceType level : ResourceType.values()) {
            tags.put(level.label(), mainTags.signature(level));
        }
        o.put("MaximumPatientCount", info.maximumPatientCount());
        o.put("MaximumStorageMode", info.maximumStorageMode());
        o.put("MaximumStorageSize", info.maximumStorageSize());
        o.put("Name", info.name());
        o.put("OverwriteInstances", info.overwriteInstances());
        o.put("PatientLevelEnabled", true);
        o.put("PluginsEnabled", true);
        o.put("ReadOnly", info.readOnly());
        o.putNull("StorageAreaPlugin");
        o.put("StorageCompression", info.storageCompression());
        o.set("UserMetadata", info.userMetadata());
        o.put("Version", IsengardVersion.ORTHANC_VERSION);
        call.answerJson(o);
    }

    private void statistics(RestCall call) throws IOException {
        GlobalStatistics s = index.read(tx -> tx.statistics());
        ObjectNode o = Json.object();
        o.put("CountInstances", s.instances());
        o.put("CountPatients", s.patients());
        o.put("CountSeries", s.series());
        o.put("CountStudies", s.studies());
        o.put("TotalDiskSize", Long.toString(s.diskSize()));
        o.put("TotalDiskSizeMB", s.diskSize() / 1048576);
        o.put("TotalUncompressedSize", Long.toString(s.uncompressedSize()));
        o.put("TotalUncompressedSizeMB", s.uncompressedSize() / 1048576);
        call.answerJson(o);
    }
}
