package io.isengard.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * THE list of options that Orthanc (or a well-known Orthanc plugin) reads and
 * Isengard does not implement yet. A configuration written for Orthanc must
 * start: such an option is ignored, and a warning names it once. Remove a
 * name from here when its feature lands (a test checks that no option read by
 * the server is listed here).
 */
public final class UnsupportedOptions {
    private static final Logger LOG = LoggerFactory.getLogger(UnsupportedOptions.class);

    /**
     * One ignored option.
     *
     * @param name top-level option, or {@code Section.Option} for an option inside a section
     * @param feature what it configures, for the log line
     * @param harmless the value that describes what Isengard does anyway (ignoring it changes
     *        nothing, so it is not worth a warning), or null
     */
    public record Option(String name, String feature, JsonNode harmless) {
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final JsonNode FALSE = BooleanNode.FALSE;
    private static final JsonNode TRUE = BooleanNode.TRUE;
    private static final JsonNode ZERO = IntNode.valueOf(0);
    private static final JsonNode NO_ITEMS = F.arrayNode();
    private static final JsonNode NO_ENTRIES = F.objectNode();

    private static final Map<String, Option> OPTIONS = new LinkedHashMap<>();

    static {
        // General (config.md §2)
        add("TemporaryDirectory", "temporary files");
        add("MaximumStorageCacheSize", "cache of DICOM files");
        add("PatientLevelEnabled", "disabling the patient level", TRUE);
        add("JobsEngineThreadsCount", "jobs");
        add("MediaArchiveSize", "media archives");
        add("RestApiWriteToFileSystemEnabled", "export to the file system", FALSE);
        add("Plugins", "plugins", NO_ITEMS);
        add("ExternalDictionaries", "DCMTK dictionaries", NO_ITEMS);
        add("LoadPrivateDictionary", "private dictionary");
        add("DefaultPrivateCreator", "private tags in modifications");
        add("Locale", "locale of case-insensitive comparisons");
        add("SynchronousZipStream", "ZIP archives built in a temporary file", TRUE);
        add("ZipLoaderThreads", "parallel loading of ZIP archives", ZERO);
        add("MallocArenaMax", "glibc allocator tuning, which the JVM does not use");
        add("DeidentifyLogs", "log de-identification");
        add("DeidentifyLogsDicomVersion", "log de-identification");
        add("MaximumConcurrentDcmtkTranscoders", "transcoding");
        add("IngestTranscoding", "transcoding at ingest");
        add("IngestTranscodingOfUncompressed", "transcoding at ingest");
        add("IngestTranscodingOfCompressed", "transcoding at ingest");
        add("DicomLossyTranscodingQuality", "transcoding");
        add("BuiltinDecoderTranscoderOrder", "transcoding plugins");
        add("Pkcs11", "PKCS#11 for HTTPS client authentication");

        // HTTP server (config.md §3)
        add("HttpServerEnabled", "disabling the REST API", TRUE);
        add("OrthancExplorerEnabled", "Orthanc Explorer", FALSE);
        add("HttpCompressionEnabled", "HTTP compression", FALSE);
        add("TcpNoDelay", "HTTP socket tuning");
        add("MaximumFileSizeInArchiveMB", "upload of archives");
        add("WebDavEnabled", "WebDAV", FALSE);
        add("WebDavDeleteAllowed", "WebDAV");
        add("WebDavUploadAllowed", "WebDAV");

        // DICOM server and client (config.md §4)
        add("AcceptedSopClasses", "DICOM server");
        add("RejectedSopClasses", "DICOM server");
        add("RejectSopClasses", "DICOM server");
        add("DicomScuPreferredTransferSyntax", "DICOM client");
        add("TranscodeDicomProtocol", "DICOM client");
        add("StorageCommitmentReportsSize", "storage commitment");
        add("DicomTlsMinimumProtocolVersion", "DICOM TLS");
        add("DicomTlsCiphersAccepted", "DICOM TLS");

        // Network topology and outgoing HTTP (config.md §5)
        add("HttpVerbose", "outgoing HTTP", FALSE);

        // Sections of Orthanc plugins: Isengard loads no plugins.
        for (String section : List.of("DicomWeb", "Worklists", "OrthancExplorer2", "Gdcm", "Transfers", "Housekeeper",
                "Authorization", "StoneWebViewer", "WebViewer", "Python", "PythonScript", "AwsS3Storage",
                "AzureBlobStorage", "GoogleCloudStorage", "MySQL", "Odbc")) {
            add(section, "configuration of an Orthanc plugin");
        }
        // The PostgreSQL section is read for the index only.
        add("PostgreSQL.EnableStorage", "storage area in PostgreSQL", FALSE);
    }

    private UnsupportedOptions() {}

    private static void add(String name, String feature) {
        add(name, feature, null);
    }

    private static void add(String name, String feature, JsonNode harmless) {
        if (OPTIONS.put(name, new Option(name, feature, harmless)) != null) {
            throw new IllegalStateException(name + " listed twice");
        }
    }

    /** Every option of the list. */
    public static Map<String, Option> all() {
        return Collections.unmodifiableMap(OPTIONS);
    }

    /** True if {@code name} (top-level, or {@code Section.Option}) is in the list. */
    public static boolean contains(String name) {
        return OPTIONS.containsKey(name);
    }

    /** The listed options present in the configuration with a value that Isengard would not honour. */
    public static List<Option> ignoredIn(OrthancConfiguration config) {
        List<Option> ignored = new ArrayList<>();
        for (Option o : OPTIONS.values()) {
            JsonNode value = lookup(config, o.name());
            if (value != null && !value.isNull() && !value.equals(o.harmless())) {
                ignored.add(o);
            }
        }
        return ignored;
    }

    /** Logs one warning per ignored option; returns their names. */
    public static Set<String> warnAbout(OrthancConfiguration config) {
        Set<String> names = new LinkedHashSet<>();
        for (Option o : ignoredIn(config)) {
            LOG.warn("Configuration option \"{}\" is not supported by Isengard yet, ignored ({})", o.name(),
                    o.feature());
            names.add(o.name());
        }
        return names;
    }

    /**
     * Options that Isengard reads (and reports in /system) but whose effect is
     * not implemented yet: a value asking for that effect is worth a warning.
     */
    public static List<String> unenforced(CoreSettings s) {
        List<String> why = new ArrayList<>();
        if (!s.storeDicom()) {
            why.add("\"StoreDicom\": false (index-only mode) is not implemented yet: DICOM files are stored");
        }
        if (!s.dictionary().entries().isEmpty()) {
            why.add("\"Dictionary\" entries are checked but not used yet for the names and VRs of tags");
        }
        // Without Specific Character Set the codec reads Latin-1 already, Orthanc's default.
        if (s.defaultEncoding() != DefaultEncoding.Latin1) {
            why.add("\"DefaultEncoding\" other than Latin1 is not applied yet to files without Specific "
                    + "Character Set");
        }
        return why;
    }

    /** Logs {@link #unenforced} as warnings. */
    public static void warnAboutUnenforced(CoreSettings s) {
        for (String w : unenforced(s)) {
            LOG.warn("Configuration: {}", w);
        }
    }

    private static JsonNode lookup(OrthancConfiguration config, String name) {
        int dot = name.indexOf('.');
        JsonNode root = config.root();
        if (dot < 0) {
            return root.get(name);
        }
        JsonNode section = root.get(name.substring(0, dot));
        return section != null && section.isObject() ? section.get(name.substring(dot + 1)) : null;
    }
}
