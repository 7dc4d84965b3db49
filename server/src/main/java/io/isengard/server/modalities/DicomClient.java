package io.isengard.server.modalities;

import io.isengard.server.config.DefaultEncoding;
import io.isengard.server.config.OrthancConfiguration;
import io.isengard.server.index.Index;
import io.isengard.server.ingest.IngestService;
import io.isengard.server.ingest.MainDicomTags;
import io.isengard.server.jobs.JobTypes;
import io.isengard.server.jobs.JobsEngine;
import io.isengard.server.resources.InstanceFiles;
import io.isengard.server.rest.JobSubmission;
import io.isengard.server.rest.OrthancRouter;
import java.util.List;
import java.util.function.Supplier;

/**
 * Isengard as a DICOM client: the modality registry, the SCU operations and
 * their routes, built from the configuration in one place so that the
 * composition root only calls {@link #wire}.
 */
public final class DicomClient {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DicomClient.class);
    private final ModalityRegistry registry;
    private final ModalityConnector connector;
    private final QueryService queries;
    private final FindScu find;
    private final Index index;
    private final InstanceFiles files;
    private final IngestService ingest;
    private final JobsEngine jobs;

    private DicomClient(ModalityRegistry registry, ModalityConnector connector, QueryService queries, FindScu find,
            Index index, InstanceFiles files, IngestService ingest, JobsEngine jobs) {
        this.find = find;
        this.registry = registry;
        this.connector = connector;
        this.queries = queries;
        this.index = index;
        this.files = files;
        this.ingest = ingest;
        this.jobs = jobs;
    }

    /**
     * Reads the options, registers /modalities, /tools/dicom-echo and /queries; {@code exports} writes the
     * /exports entries of stores when "LogExportedResources" is true.
     */
    public static DicomClient wire(OrthancConfiguration config, Index index, MainDicomTags mainTags,
            InstanceFiles files, IngestService ingest, Supplier<DefaultEncoding> encoding, OrthancRouter router,
            JobsEngine jobs, ExportLog exports) {
        ExportLog log = config.getBoolean("LogExportedResources", false) ? exports : ExportLog.NONE;
        ScuSettings settings = ScuSettings.of(config);
        ModalityRegistry registry = ModalityRegistry.fromConfiguration(config, index);
        DicomTlsClient tls = DicomTlsClient.of(config);
        ModalityConnector connector = new ModalityConnector(settings, tls::context);
        FindScu find = new FindScu(connector, mainTags, encoding);
        QueryService queries = new QueryService(registry, connector, find, new QueryStore(settings.queryRetrieveSize()),
                ingest);
        JobSubmission submission = new JobSubmission(jobs);
        new ModalitiesRoutes(registry, connector, find, queries, index, files, ingest, log, submission)
                .register(router);
        new QueriesRoutes(queries, submission).register(router);
        return new DicomClient(registry, connector, queries, find, index, files, ingest, jobs);
    }

    /**
     * The DICOM server's C-MOVE when "SynchronousCMove" is false (dicom-server.md §7,
     * step 5): a "DicomModalityStore" job described "C-MOVE", not permissive, of
     * priority 0, calling as DicomAet (the modality's LocalAet does not apply), its
     * content without ParentResources, as in Orthanc. Returns the job's ID.
     */
    public String submitMoveJob(String modalityName, List<String> instances, String originatorAet,
            int originatorMessageId) {
        RemoteModality m = registry.require(modalityName);
        ModalityConnector.Target t = connector.target(m, null, null);
        ModalityConnector.Target target = new ModalityConnector.Target(m, connector.settings().dicomAet(), t.calledAet(),
                t.host(), t.port(), t.timeoutSeconds());
        DicomModalityStore.Request rq = new DicomModalityStore.Request(modalityName, target, List.of(), instances,
                originatorAet, originatorMessageId, false, "C-MOVE");
        return jobs.submit(new DicomModalityStoreJob(rq, index, files, connector), 0, null);
    }

    /**
     * Registers the job types of the SCU operations (DicomModalityStore,
     * DicomMoveScu, DicomGetScu) so that saved jobs are reloaded (SaveJobs);
     * before the jobs engine starts.
     */
    public void registerJobTypes(JobTypes types) {
        types.register(DicomModalityStoreJob.TYPE, DicomModalityStoreJob.factory(index, files, connector));
        types.register(DicomMoveScuJob.MOVE_TYPE,
                DicomMoveScuJob.factory(DicomRetrieveScu.Method.C_MOVE, connector, ingest));
        types.register(DicomMoveScuJob.GET_TYPE,
                DicomMoveScuJob.factory(DicomRetrieveScu.Method.C_GET, connector, ingest));
    }

    /** Lookup by symbolic name and by AET (+ host) for the DICOM server. */
    public ModalityRegistry registry() {
        return registry;
    }

    public ModalityConnector connector() {
        return connector;
    }

    public QueryService queries() {
        return queries;
    }

    /** The C-FIND SCU (its OutgoingFindRequestFilter is set once the Lua scripts are loaded). */
    public FindScu find() {
        return find;
    }
}
