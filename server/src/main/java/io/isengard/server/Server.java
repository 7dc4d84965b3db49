package io.isengard.server;

import io.isengard.server.config.OrthancConfiguration;
import io.isengard.server.index.Index;
import io.isengard.server.index.jdbc.PostgresIndexFactory;
import io.isengard.server.index.jdbc.SqliteIndexFactory;
import io.isengard.server.ingest.IngestService;
import io.isengard.server.ingest.MainDicomTags;
import io.isengard.server.ingest.StabilityMonitor;
import io.isengard.server.model.OrthancId;
import io.isengard.server.resources.ResourceDeleter;
import io.isengard.server.resources.ResourceFinder;
import io.isengard.server.rest.HttpSettings;
import io.isengard.server.rest.Json;
import io.isengard.server.rest.OrthancRouter;
import io.isengard.server.rest.ResourceJson;
import io.isengard.server.rest.ResourceRoutes;
import io.isengard.server.rest.RestServer;
import io.isengard.server.rest.SystemRoutes;
import io.isengard.server.rest.UploadRoutes;
import io.isengard.server.rest.AttachmentRoutes;
import io.isengard.server.rest.ChangesRoutes;
import io.isengard.server.rest.MetadataRoutes;
import io.isengard.server.rest.ServerControl;
import io.isengard.server.rest.ToolsRoutes;
import io.isengard.server.rest.InstanceContentRoutes;
import io.isengard.server.rest.TagsRoutes;
import io.isengard.server.resources.InstanceFiles;
import io.isengard.server.resources.RequestedTags;
import io.isengard.dicom.json.OrthancJsonOptions;
import io.isengard.server.resources.ContentTypes;
import io.isengard.server.resources.MetadataNames;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import io.isengard.server.storage.AttachmentStore;
import io.isengard.server.storage.DeletedFilesCollector;
import io.isengard.server.storage.FilesystemStorageArea;
import io.isengard.server.storage.StorageRecovery;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: builds the services from a configuration and wires them. */
public final class Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final RestServer rest;
    private final Index index;
    private final boolean https;

    private Server(OrthancConfiguration config, ServerControl control) throws IOException {
        // Read first: a bad HTTP option must stop the startup before anything is opened.
        HttpSettings http = HttpSettings.of(config);
        https = http.sslEnabled();
        Clock clock = Clock.systemUTC();
        Path storageDir = config.getPath("StorageDirectory", "OrthancStorage");
        Path indexDir = config.getPath("IndexDirectory", storageDir.toString());
        FilesystemStorageArea area = new FilesystemStorageArea(storageDir, config.getBoolean("SyncStorageArea", true));
        index = PostgresIndexFactory.enabled(config) ? PostgresIndexFactory.open(config)
                : SqliteIndexFactory.open(indexDir);
        closeables.add(index);
        StorageRecovery.run(index, area);
        boolean compression = config.getBoolean("StorageCompression", false);
        AttachmentStore attachments = new AttachmentStore(area, compression,
                config.getBoolean("StoreMD5ForAttachments", true));
        DeletedFilesCollector deletedFiles = new DeletedFilesCollector(index, area);
        MainDicomTags mainTags = new MainDicomTags();
        StabilityMonitor stability = new StabilityMonitor(index, clock, config.getInt("StableAge", 60));
        closeables.add(stability);
        boolean overwrite = config.getBoolean("OverwriteInstances", false);
        IngestService ingest = new IngestService(index, attachments, deletedFiles, mainTags, stability, clock, overwrite);
        ResourceFinder finder = new ResourceFinder(index);
        ResourceDeleter deleter = new ResourceDeleter(index, deletedFiles, stability, clock);
        InstanceFiles instanceFiles = new InstanceFiles(index, attachments);
        RequestedTags requestedTags = new RequestedTags(index, mainTags, instanceFiles,
                !"Never".equals(config.getString("StorageAccessOnFind", "Always")));
        ResourceJson resourceJson = new ResourceJson(mainTags, stability, requestedTags);

        String aet = config.getString("DicomAet", "ORTHANC");
        int dicomPort = config.getInt("DicomPort", 4242);
        SystemRoutes.SystemInfo info = new SystemRoutes.SystemInfo(config.getString("Name", ""), aet, dicomPort,
                http.port(), http.secure(), config.getBoolean("CheckRevisions", false), compression, overwrite,
                config.getString("IngestTranscoding", ""),
                config.getString("DatabaseServerIdentifier",
                        OrthancId.hash("aet=" + aet + "|dicom-port=" + dicomPort + "|http-port=" + http.port())),
                config.getLong("MaximumStorageSize", 0), config.getLong("MaximumPatientCount", 0),
                config.getString("MaximumStorageMode", "Recycle"), config.getBoolean("ReadOnly", false),
                config.getString("DicomDefaultRetrieveMethod", "C-MOVE"), Json.object());

        MetadataNames metadataNames = new MetadataNames(Map.of());
        ContentTypes contentTypes = new ContentTypes(Map.of());
        AtomicReference<String> defaultEncoding = new AtomicReference<>(
                ToolsRoutes.canonicalEncoding(config.getString("DefaultEncoding", "Latin1")));

        OrthancRouter router = new OrthancRouter();
        new SystemRoutes(index, mainTags, info).register(router);
        new UploadRoutes(ingest).register(router);
        new ResourceRoutes(index, finder, resourceJson, deleter).register(router);
        new ChangesRoutes(index).register(router);
        new MetadataRoutes(index, finder, metadataNames).register(router);
        new AttachmentRoutes(index, finder, contentTypes, attachments).register(router);
        new ToolsRoutes(clock, defaultEncoding, control).register(router);
        new InstanceContentRoutes(finder, instanceFiles).register(router);
        new TagsRoutes(index, finder, instanceFiles, mainTags, OrthancJsonOptions.TAGS).register(router);
        rest = new RestServer(http, router, cfg -> { });
        closeables.add(rest);
    }

    /** Builds and starts a server; the caller closes it. /tools/shutdown and /tools/reset go to {@code control}. */
    public static Server start(OrthancConfiguration config, ServerControl control) throws IOException {
        Server s = new Server(config, control);
        try {
            int port = s.rest.start();
            LOG.warn("Isengard {} (Orthanc {} API) listening on HTTP port {}, index on {}",
                    IsengardVersion.isengard(), IsengardVersion.ORTHANC_VERSION, port, s.index.backendName());
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Builds and starts a server whose /tools/shutdown and /tools/reset only close it (for tests). */
    public static Server start(OrthancConfiguration config) throws IOException {
        Server[] holder = new Server[1];
        ServerControl control = new ServerControl() {
            @Override
            public void shutdown() {
                Thread.ofVirtual().start(() -> holder[0].close());
            }

            @Override
            public void restart() {
                // Tests run without a restart loop; reset is a no-op here.
            }
        };
        holder[0] = start(config, control);
        return holder[0];
    }

    public int httpPort() {
        return rest.port();
    }

    /** Whether the HTTP port speaks TLS ("SslEnabled"). */
    public boolean httpsEnabled() {
        return https;
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                LOG.warn("while stopping: {}", e.toString());
            }
        }
    }
}
