package io.isengard.server.config;

import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.ResourceType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The general, storage and index options of config.md §2 that Isengard reads,
 * read once at startup with Orthanc's defaults and type checks. Services get
 * their settings from here instead of reading the configuration themselves.
 *
 * @param maximumStorageSize in MB, 0 for no limit
 * @param maximumPatientCount 0 for no limit
 * @param stableAge seconds
 * @param dicomDefaultRetrieveMethod "C-MOVE" or "C-GET"
 * @param limitFindResults 0 for no limit
 * @param limitFindInstances 0 for no limit
 * @param extraMainDicomTags extra main tags per level, resolved to numbers
 */
public record CoreSettings(
        String name,
        Path storageDirectory,
        Path indexDirectory,
        boolean storageCompression,
        long maximumStorageSize,
        long maximumPatientCount,
        MaximumStorageMode maximumStorageMode,
        boolean storeDicom,
        boolean storeMD5ForAttachments,
        boolean syncStorageArea,
        boolean overwriteInstances,
        int stableAge,
        boolean checkRevisions,
        boolean readOnly,
        String databaseServerIdentifier,
        String dicomAet,
        int dicomPort,
        int httpPort,
        String dicomDefaultRetrieveMethod,
        StorageAccessOnFind storageAccessOnFind,
        long limitFindResults,
        long limitFindInstances,
        boolean logExportedResources,
        DefaultEncoding defaultEncoding,
        UserMetadata userMetadata,
        UserContentTypes userContentTypes,
        Map<ResourceType, List<Integer>> extraMainDicomTags,
        UserDictionary dictionary,
        Warnings warnings,
        boolean metricsEnabled) {

    static final String DEFAULT_STORAGE_DIRECTORY = "OrthancStorage";
    static final int DEFAULT_STABLE_AGE = 60;

    public CoreSettings {
        extraMainDicomTags = Map.copyOf(extraMainDicomTags);
    }

    /** Reads the settings; a bad value is an {@link OrthancException} naming the option. */
    public static CoreSettings of(OrthancConfiguration c) {
        Path storage = c.getPath("StorageDirectory", DEFAULT_STORAGE_DIRECTORY);
        Path index = c.has("IndexDirectory") ? c.getPath("IndexDirectory", null) : storage;
        String aet = c.getString("DicomAet", "ORTHANC");
        int dicomPort = c.getUnsignedInt("DicomPort", 4242);
        int httpPort = c.getUnsignedInt("HttpPort", 8042);
        String serverId;
        if (c.has("DatabaseServerIdentifier")) {
            serverId = c.getString("DatabaseServerIdentifier", null);
            if (serverId.isEmpty()) {
                throw new OrthancException(ErrorCode.ParameterOutOfRange,
                        "The configuration option \"DatabaseServerIdentifier\" cannot be an empty string");
            }
        } else {
            serverId = DatabaseServerIdentifier.compute(aet, dicomPort, httpPort);
        }
        int stableAge = c.getInt("StableAge", DEFAULT_STABLE_AGE);
        UserDictionary dictionary = UserDictionary.of(c);
        return new CoreSettings(
                c.getString("Name", ""),
                storage,
                index,
                c.getBoolean("StorageCompression", false),
                c.getUnsignedLong("MaximumStorageSize", 0),
                c.getUnsignedLong("MaximumPatientCount", 0),
                MaximumStorageMode.parse(c.getString("MaximumStorageMode", "Recycle")),
                c.getBoolean("StoreDicom", true),
                c.getBoolean("StoreMD5ForAttachments", true),
                c.getBoolean("SyncStorageArea", true),
                c.getBoolean("OverwriteInstances", false),
                stableAge <= 0 ? DEFAULT_STABLE_AGE : stableAge,
                c.getBoolean("CheckRevisions", false),
                c.getBoolean("ReadOnly", false),
                serverId,
                aet,
                dicomPort,
                httpPort,
                retrieveMethod(c.getString("DicomDefaultRetrieveMethod", "C-MOVE")),
                StorageAccessOnFind.parse(c.getString("StorageAccessOnFind", "Always")),
                c.getUnsignedLong("LimitFindResults", 0),
                c.getUnsignedLong("LimitFindInstances", 0),
                c.getBoolean("LogExportedResources", false),
                DefaultEncoding.parse(c.getString("DefaultEncoding", "Latin1")),
                UserMetadata.of(c),
                UserContentTypes.of(c),
                ExtraMainDicomTags.of(c, dictionary),
                dictionary,
                Warnings.of(c),
                c.getBoolean("MetricsEnabled", true));
    }

    private static String retrieveMethod(String value) {
        if (!value.equals("C-MOVE") && !value.equals("C-GET")) {
            throw new OrthancException(ErrorCode.ParameterOutOfRange, "Configuration option "
                    + "\"DicomDefaultRetrieveMethod\" should be \"C-MOVE\" or \"C-GET\", not \"" + value + "\"");
        }
        return value;
    }
}
