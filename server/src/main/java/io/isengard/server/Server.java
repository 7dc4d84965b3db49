package io.isengard.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.config.CoreSettings;
import io.isengard.server.config.DefaultEncoding;
import io.isengard.server.config.OrthancConfiguration;
import io.isengard.server.config.StorageAccessOnFind;
import io.isengard.server.config.UnsupportedOptions;
import io.isengard.server.dicom.DicomScp;
import io.isengard.server.dicom.DicomServerSettings;
import io.isengard.server.dicom.DicomToolsRoutes;
import io.isengard.server.index.Index;
import io.isengard.server.index.ReadOnlyIndex;
import io.isengard.server.metrics.MeasuredStorageArea;
import io.isengard.server.metrics.ServerMetrics;
import io.isengard.server.rest.MetricsRoutes;
import io.isengard.server.peers.OutgoingHttp;
import io.isengard.server.peers.PeerRegistry;
import io.isengard.server.peers.PeerRoutes;
import io.isengard.server.peers.PeerStore;
import io.isengard.server.peers.PeerStoreService;
import io.isengard.server.peers.RetryPolicy;
import io.isengard.server.resources.ExportLog;
import io.isengard.server.storage.ReadOnlyStorageArea;
import io.isengard.server.storage.StorageArea;
import io.isengard.server.index.jdbc.PostgresIndexFactory;
import io.isengard.server.index.jdbc.SqliteIndexFactory;
import io.isengard.server.ingest.IngestService;
import io.isengard.server.ingest.MainDicomTags;
import io.isengard.server.ingest.StabilityMonitor;
import io.isengard.server.ingest.StorageLimits;
import io.isengard.server.lua.LuaRoutes;
import io.isengard.server.modification.ModificationRoutes;
import io.isengard.server.lua.LuaScripting;
import io.isengard.server.rest.InProcessRestApi;
import io.isengard.server.resources.ResourceDeleter;
import io.isengard.server.resources.ResourceFinder;
import io.isengard.server.rest.ArchiveRoutes;
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
import io.isengard.server.rest.FindRoutes;
import io.isengard.server.resources.ResourceSearch;
import io.isengard.server.rest.BulkRoutes;
import io.isengard.server.rest.LabelRoutes;
import io.isengard.server.rest.ProtectionRoutes;
import io.isengard.server.rest.ReconstructRoutes;
import io.isengard.server.resources.Reconstruction;
import io.isengard.server.ingest.LevelSummary;
import io.isengard.server.rest.InstanceContentRoutes;
import io.isengard.server.rest.TagsRoutes;
import io.isengard.server.resources.InstanceFiles;
import io.isengard.server.resources.RequestedTags;
import io.isengard.dicom.json.OrthancJsonOptions;
import io.isengard.server.resources.ContentTypes;
import io.isengard.server.resources.MetadataNames;
import io.isengard.server.resources.MetadataWriter;
import io.isengard.server.resources.AttachmentWriter;
import io.isengard.server.jobs.JobTypes;
import io.isengard.server.jobs.JobsEngine;
import io.isengard.server.jobs.JobsSettings;
import io.isengard.server.rest.JobsRoutes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import io.isengard.server.storage.AttachmentStore;
import io.isengard.server.storage.DeletedFilesCollector;
import io.isengard.server.storage.FilesystemStorageArea;
import io.isengard.server.storage.StorageRecovery;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: builds the services from a configuration and wires them. */
public final class Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);

    /** How often a running node looks for the pending files of stopped nodes sharing its storage folder. */
    private static final java.time.Duration STOPPED_NODES_RECOVERY = java.time.Duration.ofMinutes(1);

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final RestServer rest;
    private final LuaScripting lua;
    private final Index index;
    private final CoreSettings settings;
    private final LaunchOptions launch;
    private final boolean https;
    private final JobsEngine jobs;
    private final io.isengard.server.modalities.DicomClient modalities;
    private int dicomPort = -1;

    private Server(OrthancConfiguration config, ServerControl control, LaunchOptions launch,
            java.util.function.Consumer<JobTypes> moreJobTypes) throws IOException {
        // Read first: a bad option must stop the startup before anything is opened.
        settings = CoreSettings.of(config);
        HttpSettings http = HttpSettings.of(config);
        https = http.sslEnabled();
        Clock clock = Clock.systemUTC();
        UnsupportedOptions.warnAbout(config);
        UnsupportedOptions.warnAboutUnenforced(settings);
        this.launch = launch;
        ServerMetrics metrics = new ServerMetrics(clock, settings.metricsEnabled());
        // A failure half-way closes what was opened: the index, and the pending folder's lock that a
        // new attempt in this process would otherwise find held.
        try {
            FilesystemStorageArea files = settings.readOnly()
                    ? FilesystemStorageArea.forReading(settings.storageDirectory())
                    : new FilesystemStorageArea(settings.storageDirectory(), settings.syncStorageArea(),
                            settings.databaseServerIdentifier());
            closeables.add(files); // releases the pending folder's lock
            StorageArea area = files;
            Index opened = PostgresIndexFactory.enabled(config) ? PostgresIndexFactory.open(config)
                    : SqliteIndexFactory.open(settings.indexDirectory());
            closeables.add(opened);
            // ReadOnly: nothing is recovered or collected, every write is refused before it starts.
            index = settings.readOnly() ? new ReadOnlyIndex(opened) : opened;
            if (settings.readOnly()) {
                area = new ReadOnlyStorageArea(area);
            } else {
                StorageRecovery.run(index, area);
                // Nodes sharing the storage folder that crash and stay down: their leftovers.
                closeables.add(StorageRecovery.everyInterval(index, area, STOPPED_NODES_RECOVERY));
            }
            area = new MeasuredStorageArea(area, metrics);
            AttachmentStore attachments = new AttachmentStore(area, settings.storageCompression(),
                    settings.storeMD5ForAttachments());
            DeletedFilesCollector deletedFiles = new DeletedFilesCollector(index, area);
            if (!settings.readOnly()) {
                deletedFiles.start();
            }
            closeables.add(deletedFiles);
            MainDicomTags mainTags = new MainDicomTags(settings.extraMainDicomTags());
            StabilityMonitor stability = new StabilityMonitor(index, clock, settings.stableAge());
            closeables.add(stability);
            StorageLimits limits = new StorageLimits(settings.maximumStorageSize(), settings.maximumPatientCount(),
                    settings.maximumStorageMode());
            if (!settings.readOnly()) {
                limits.prepare(index); // a write: a read-only server stores nothing anyway
            }
            IngestService ingest = new IngestService(index, attachments, deletedFiles, mainTags, stability, clock,
                    settings.overwriteInstances(), limits);
            ResourceFinder finder = new ResourceFinder(index);
            ResourceDeleter deleter = new ResourceDeleter(index, deletedFiles, stability, clock);
            InstanceFiles instanceFiles = new InstanceFiles(index, attachments);
            RequestedTags requestedTags = new RequestedTags(index, mainTags, instanceFiles,
                    settings.storageAccessOnFind() != StorageAccessOnFind.Never);
            ResourceJson resourceJson = new ResourceJson(mainTags, stability, requestedTags);

            ObjectNode userMetadata = Json.object();
            settings.userMetadata().byName().forEach(userMetadata::put);
            SystemRoutes.SystemInfo info = new SystemRoutes.SystemInfo(settings.name(), settings.dicomAet(),
                    settings.dicomPort(), http.port(), http.secure(), settings.checkRevisions(),
                    settings.storageCompression(), settings.overwriteInstances(),
                    "", // IngestTranscoding: not implemented, so none is in force
                    settings.databaseServerIdentifier(), settings.maximumStorageSize(), settings.maximumPatientCount(),
                    settings.maximumStorageMode().name(), settings.readOnly(), settings.dicomDefaultRetrieveMethod(),
                    userMetadata);

            MetadataNames metadataNames = new MetadataNames(settings.userMetadata().byName());
            Map<String, ContentTypes.UserType> userTypes = new LinkedHashMap<>();
            settings.userContentTypes().byName().forEach((name, t) ->
                    userTypes.put(name, new ContentTypes.UserType(t.code(), t.mime())));
            ContentTypes contentTypes = new ContentTypes(userTypes);
            AtomicReference<DefaultEncoding> defaultEncoding = new AtomicReference<>(settings.defaultEncoding());

            // Jobs: SQLite holds one server's jobs; nodes sharing PostgreSQL keep theirs apart by identifier.
            jobs = JobsEngine.create(JobsSettings.of(config), new JobTypes(), index,
                    index.backendName().equals("SQLite") ? "" : settings.databaseServerIdentifier(),
                    !settings.readOnly(), clock);
            moreJobTypes.accept(jobs.types());
            closeables.add(jobs);
            metrics.countJobsWith(jobs::counts);

            OrthancRouter router = new OrthancRouter(MetricsRoutes.timing(metrics));
            new JobsRoutes(jobs).register(router);
            new SystemRoutes(index, mainTags, info).register(router);
            new UploadRoutes(ingest, metrics).register(router);
            new MetricsRoutes(index, metrics).register(router);
            new ResourceRoutes(index, finder, resourceJson, deleter).register(router);
            new ArchiveRoutes(index, finder, attachments).register(router);
            new ChangesRoutes(index).register(router);
            MetadataWriter metadataWriter = new MetadataWriter(index, clock);
            new MetadataRoutes(index, finder, metadataNames, metadataWriter, settings.checkRevisions())
                    .register(router);
            AttachmentWriter attachmentWriter = new AttachmentWriter(index, attachments, deletedFiles, clock);
            new AttachmentRoutes(index, finder, contentTypes, attachments, attachmentWriter, settings.checkRevisions())
                    .register(router);
            new ToolsRoutes(clock, defaultEncoding, control).register(router);
            new InstanceContentRoutes(finder, instanceFiles).register(router);
            ResourceSearch search = new ResourceSearch(index, mainTags, instanceFiles, settings.storageAccessOnFind(),
                    settings.limitFindResults(), settings.limitFindInstances());
            new FindRoutes(index, search, resourceJson, metadataNames, contentTypes).register(router);
            new LabelRoutes(index, finder).register(router);
            new ProtectionRoutes(index).register(router);
            new BulkRoutes(index, deleter, resourceJson, metadataNames, deletedFiles).register(router);
            new ReconstructRoutes(finder, new Reconstruction(index, instanceFiles, attachments, deletedFiles,
                    new LevelSummary(mainTags))).register(router);
            new TagsRoutes(index, finder, instanceFiles, mainTags, OrthancJsonOptions.TAGS).register(router);
            new ModificationRoutes(instanceFiles, defaultEncoding::get).register(router);
            PeerRegistry peers = PeerRegistry.of(config, index);
            OutgoingHttp outgoing = OutgoingHttp.of(config);
            ExportLog exportLog = new ExportLog(index, clock, settings.logExportedResources());
            PeerStoreService peerStores = new PeerStoreService(peers, outgoing, index, instanceFiles, exportLog,
                    RetryPolicy.DEFAULT, PeerStore.DEFAULT_PARALLELISM);
            peerStores.registerJobType(jobs.types());
            new PeerRoutes(peers, outgoing, peerStores, new io.isengard.server.rest.JobSubmission(jobs))
                    .register(router);
            // Before Lua: its scripts may call /modalities in-process.
            modalities = io.isengard.server.modalities.DicomClient.wire(config, index, mainTags, instanceFiles, ingest,
                    defaultEncoding::get, router, jobs, (modality, ids) -> {
                        List<io.isengard.server.index.ResourceRef> sent = new ArrayList<>(
                                index.<List<io.isengard.server.index.ResourceRef>>read(tx -> tx.lookupAll(ids)));
                        sent.sort(java.util.Comparator.comparingInt(r -> ids.indexOf(r.publicId()))); // as listed
                        exportLog.log(sent, modality);
                    });
            modalities.registerJobTypes(jobs.types());
            // Lua last: its scripts may call any route in-process. Closed before the index, after the HTTP server.
            try {
                lua = LuaScripting.load(config, new InProcessRestApi(router));
            } catch (RuntimeException e) {
                close(); // a missing or failing script stops the start: release what is open
                throw e;
            }
            closeables.add(lua);
            new LuaRoutes(lua).register(router);
            // ReceivedCStoreInstanceFilter comes after ReceivedInstanceFilter, for C-STORE only (lua.md).
            ingest.filterWith((dataSet, syntax, pixels, origin) ->
                    lua.acceptsReceivedInstance(dataSet, syntax, pixels, origin)
                    && (!"DicomProtocol".equals(origin.origin())
                            || lua.acceptsReceivedCStoreInstance(dataSet, syntax, pixels, origin)));
            ingest.notifyStored(lua::storedInstance);
            stability.notifyStable(lua::stable);
            modalities.find().filterWith(lua::filterOutgoingFind);
            modalities.connector().filterStoresWith(lua::acceptsOutgoingCStore);
            deleter.notifyDeleted(lua);
            metadataWriter.notifyUpdated(lua::updated);
            attachmentWriter.notifyUpdated(lua::updated);
            jobs.addListener(new io.isengard.server.jobs.JobsListener() {
                @Override
                public void onSubmitted(String jobId) {
                    lua.onJobSubmitted(jobId);
                }

                @Override
                public void onSuccess(String jobId) {
                    lua.onJobSuccess(jobId);
                }

                @Override
                public void onFailure(String jobId) {
                    lua.onJobFailure(jobId);
                }
            });
            // The DICOM server (docs/dicom-server.md), after the modalities it checks callers against:
            // started here, closed before the index and the storage area.
            DicomServerSettings dicomSettings = DicomServerSettings.of(config);
            DicomToolsRoutes.Policy dicomPolicy = DicomToolsRoutes.detached(dicomSettings);
            if (dicomSettings.enabled()) {
                DicomScp scp;
                try {
                    scp = DicomScp.start(dicomSettings, aet -> modalities.registry().findByAet(aet,
                            dicomSettings.strictAetComparison()).stream().map(e -> {
                                io.isengard.server.modalities.RemoteModality m = e.getValue();
                                return new io.isengard.server.dicom.KnownModality(e.getKey(), m.aet(), m.host(),
                                        m.port(), m.allowEcho(), m.allowFind(), m.allowFindWorklist(), m.allowGet(),
                                        m.allowMove(), m.allowStore(), m.allowNAction() && m.allowEventReport(),
                                        m.useDicomTls());
                            }).toList(), new DicomScp.Services(index,
                            ingest,
                            new ResourceSearch(index, mainTags, instanceFiles, settings.storageAccessOnFind(), 0, 0),
                            requestedTags, instanceFiles, defaultEncoding::get, lua::filterIncomingFind,
                            (destination, instances, originator, messageId) -> modalities.submitMoveJob(
                                    destination.name(), instances, originator, messageId)));
                } catch (IOException | RuntimeException e) {
                    close(); // e.g. DicomPort in use: what is open so far must not stay open
                    throw e;
                }
                closeables.add(scp);
                dicomPolicy = scp;
                dicomPort = scp.port();
            }
            new DicomToolsRoutes(dicomPolicy).register(router);
            rest = new RestServer(http, router, cfg -> { });
            rest.filterWith(lua::allowsHttpRequest);
            closeables.add(rest);
            jobs.start(!launch.noJobs()); // --no-jobs: the saved jobs are not reloaded
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Builds and starts a server; the caller closes it. /tools/shutdown and /tools/reset go to {@code control}. */
    public static Server start(OrthancConfiguration config, ServerControl control) throws IOException {
        return start(config, control, LaunchOptions.DEFAULT);
    }

    /** Builds and starts a server with the command line's options; the caller closes it. */
    public static Server start(OrthancConfiguration config, ServerControl control, LaunchOptions launch)
            throws IOException {
        return start(config, control, launch, types -> { });
    }

    /**
     * Builds and starts a server whose jobs engine also knows the job types
     * that {@code moreJobTypes} registers (tests use it for job types of their own).
     */
    public static Server start(OrthancConfiguration config, ServerControl control, LaunchOptions launch,
            java.util.function.Consumer<JobTypes> moreJobTypes) throws IOException {
        Server s = new Server(config, control, launch, moreJobTypes);
        try {
            int port = s.rest.start();
            s.lua.start();
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

    /** The DICOM modalities and the SCU side (the DICOM server looks modalities up in its registry). */
    public io.isengard.server.modalities.DicomClient modalities() {
        return modalities;
    }

    /** The settings read from the configuration. */
    public CoreSettings settings() {
        return settings;
    }

    /** The command line's options of this start. */
    public LaunchOptions launchOptions() {
        return launch;
    }

    /** The jobs engine, where features submit their jobs. */
    public JobsEngine jobs() {
        return jobs;
    }

    public int httpPort() {
        return rest.port();
    }

    /** The port the DICOM server listens on, -1 when "DicomServerEnabled" is false. */
    public int dicomPort() {
        return dicomPort;
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
