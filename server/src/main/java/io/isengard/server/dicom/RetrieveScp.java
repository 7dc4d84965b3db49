package io.isengard.server.dicom;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.VR;
import io.isengard.dicom.net.DimseResponse;
import io.isengard.dicom.net.Handlers;
import io.isengard.dicom.net.PresentationContexts;
import io.isengard.dicom.net.Scu;
import io.isengard.dicom.net.dimse.Command;
import io.isengard.dicom.net.dimse.Status;
import io.isengard.server.index.FindQuery;
import io.isengard.server.index.Index;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.MetadataType;
import io.isengard.server.model.ResourceType;
import io.isengard.server.resources.FindRequest;
import io.isengard.server.resources.InstanceFiles;
import io.isengard.server.resources.ResourceSearch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * C-MOVE and C-GET SCP (dicom-server.md §7, §8): the identifier names
 * resources by one key of its level, which expand to instances; each is a
 * C-STORE sub-operation, to the move destination over one association of
 * ours, or back on the requesting association for a C-GET.
 */
final class RetrieveScp {
    private static final Logger LOG = LoggerFactory.getLogger(RetrieveScp.class);

    static final int PATIENT_ID = 0x00100020;
    static final int ACCESSION_NUMBER = 0x00080050;
    static final int STUDY_INSTANCE_UID = 0x0020000D;
    static final int SERIES_INSTANCE_UID = 0x0020000E;
    static final int SOP_INSTANCE_UID = 0x00080018;
    static final int FAILED_SOP_INSTANCE_UID_LIST = 0x00080058;

    private final DicomAccess access;
    private final KnownModalities modalities;
    private final Index index;
    private final ResourceSearch search;
    private final InstanceFiles files;
    private final DicomServerSettings settings;
    private final SSLContext tls;
    private final MoveJobs moveJobs;

    RetrieveScp(DicomAccess access, KnownModalities modalities, Index index, ResourceSearch search,
            InstanceFiles files, DicomServerSettings settings, SSLContext tls, MoveJobs moveJobs) {
        this.access = access;
        this.modalities = modalities;
        this.index = index;
        this.search = search;
        this.files = files;
        this.settings = settings;
        this.tls = tls;
        this.moveJobs = moveJobs;
    }

    private static Handlers.RetrieveResult failed(int completed, int failed, int warning) {
        return new Handlers.RetrieveResult(Status.UNABLE_TO_PROCESS, completed, failed, warning, null);
    }

    // ------------------------------------------------------------ C-MOVE

    Handlers.RetrieveResult move(Handlers.QueryRequest request, Handlers.RetrieveResponder responder)
            throws IOException {
        access.require(DicomRequestType.Move, request.association());
        String destinationAet = request.moveDestination();
        Optional<KnownModality> destination = modalities.byAet(destinationAet);
        if (destination.isEmpty()) {
            LOG.warn("{}: C-MOVE refused: the move destination \"{}\" is not in \"DicomModalities\"",
                    request.association(), destinationAet);
            return failed(0, 0, 0);
        }
        List<ResourceRef> instances = instances(request, false);
        if (instances == null) {
            return failed(0, 0, 0);
        }
        if (instances.isEmpty()) {
            LOG.warn("{}: C-MOVE request matching no resource", request.association());
            return failed(0, 0, 0);
        }
        int messageId = request.command().getInt(Command.MessageID, 0);
        String originator = request.association().callingAeTitle();
        KnownModality dest = destination.get();
        if (!settings.synchronousCMove()) {
            return moveAsJob(request, responder, dest, instances, originator, messageId);
        }
        List<OutgoingInstance> outgoing = describe(instances);
        PresentationContexts contexts = new PresentationContexts();
        Set<String> proposed = new LinkedHashSet<>();
        for (OutgoingInstance o : outgoing) {
            if (proposed.add(o.sopClassUid() + "|" + o.transferSyntaxUid()) && proposed.size() <= 120) {
                contexts.storage(o.sopClassUid(), o.transferSyntaxUid());
            }
        }
        Scu.Parameters p = Scu.Parameters.of(dest.host(), dest.port(), settings.aet(), dest.aet(), contexts)
                .withTimeouts(settings.scuTimeout(), settings.scuTimeout())
                .withMaxPduLength(settings.maximumPduLength());
        if (dest.useDicomTls() && tls != null) {
            p = p.withTls(tls);
        }
        int n = outgoing.size();
        int completed = 0;
        int failed = 0;
        int warning = 0;
        LOG.info("{}: C-MOVE of {} instance(s) to {} ({}:{})", request.association(), n, dest.aet(), dest.host(),
                dest.port());
        try (Scu scu = Scu.open(p)) {
            for (OutgoingInstance o : outgoing) {
                int status;
                try (StoredFile f = StoredFile.of(files, o.instance())) {
                    status = scu.store(f.path(), originator, messageId).status();
                } catch (Scu.NoPresentationContextException e) {
                    LOG.warn("{}: C-MOVE sub-operation for {} failed: {}", request.association(), o.instance()
                            .publicId(), e.getMessage());
                    status = Status.UNABLE_TO_PROCESS;
                }
                // Orthanc counts every processed sub-operation as completed, failures also as failed.
                completed++;
                if ((status & 0xF000) == 0xB000) {
                    warning++;
                } else if (status != Status.SUCCESS) {
                    failed++;
                }
                if (completed < n && !responder.pending(n - completed, completed, failed, warning)) {
                    return new Handlers.RetrieveResult(Status.CANCEL, completed, failed, warning, null);
                }
            }
        } catch (IOException e) {
            LOG.warn("{}: C-MOVE to {} ({}:{}) failed: {}", request.association(), dest.aet(), dest.host(),
                    dest.port(), e.toString());
            return failed(completed, failed, warning);
        }
        return new Handlers.RetrieveResult(failed > 0 ? Status.SUB_OPERATIONS_WARNING : Status.SUCCESS, completed,
                failed, warning, null);
    }

    /**
     * "SynchronousCMove" false: the instances go to a job submitted at once,
     * and the answers report every sub-operation done without waiting for it
     * (as Orthanc's asynchronous C-MOVE; the job's outcome is in /jobs).
     */
    private Handlers.RetrieveResult moveAsJob(Handlers.QueryRequest request, Handlers.RetrieveResponder responder,
            KnownModality destination, List<ResourceRef> instances, String originator, int messageId)
            throws IOException {
        String job = moveJobs.submit(destination, instances.stream().map(ResourceRef::publicId).toList(), originator,
                messageId);
        int n = instances.size();
        LOG.info("{}: C-MOVE of {} instance(s) to {} ({}:{}) submitted as job {} (\"SynchronousCMove\" is false)",
                request.association(), n, destination.aet(), destination.host(), destination.port(), job);
        for (int done = 1; done < n; done++) {
            if (!responder.pending(n - done, done, 0, 0)) {
                return new Handlers.RetrieveResult(Status.CANCEL, done, 0, 0, null);
            }
        }
        return new Handlers.RetrieveResult(Status.SUCCESS, n, 0, 0, null);
    }

    // ------------------------------------------------------------ C-GET

    Handlers.RetrieveResult get(Handlers.QueryRequest request, Handlers.RetrieveResponder responder)
            throws IOException {
        access.require(DicomRequestType.Get, request.association());
        List<ResourceRef> instances = instances(request, true);
        if (instances == null) {
            return failed(0, 0, 0);
        }
        int n = instances.size();
        int completed = 0;
        int failed = 0;
        int warning = 0;
        List<String> failedUids = new ArrayList<>();
        for (OutgoingInstance o : describe(instances)) {
            int status;
            try (StoredFile f = StoredFile.of(files, o.instance())) {
                DimseResponse rsp = request.association().storeFile(f.path(), null, 0);
                status = rsp.status();
            } catch (Scu.NoPresentationContextException e) {
                LOG.warn("{}: C-GET sub-operation for {} failed: {}", request.association(), o.sopInstanceUid(),
                        e.getMessage());
                status = Status.UNABLE_TO_PROCESS;
            }
            if (status == Status.SUCCESS) {
                completed++;
            } else if ((status & 0xF000) == 0xB000) {
                warning++;
            } else {
                failed++;
                failedUids.add(o.sopInstanceUid());
            }
            int done = completed + failed + warning;
            if (done < n && !responder.pending(n - done, completed, failed, warning)) {
                return new Handlers.RetrieveResult(Status.CANCEL, completed, failed, warning, null);
            }
        }
        DataSet identifier = null;
        if (!failedUids.isEmpty()) {
            identifier = new DataSet();
            identifier.putString(FAILED_SOP_INSTANCE_UID_LIST, VR.UI, failedUids.toArray(String[]::new));
        }
        int status = n > 0 && failed == n ? Status.OUT_OF_RESOURCES_SUB_OPERATIONS
                : failed > 0 || warning > 0 ? Status.SUB_OPERATIONS_WARNING : Status.SUCCESS;
        return new Handlers.RetrieveResult(status, completed, failed, warning, identifier);
    }

    // ------------------------------------------------------------ lookup

    /**
     * The instances the identifier names (§7.2, §8), or null when it names
     * nothing usable: the level's key is missing, or (C-GET) one of its
     * values matches nothing.
     */
    private List<ResourceRef> instances(Handlers.QueryRequest request, boolean get) throws IOException {
        DataSet id = request.identifier();
        String levelText = id.string(FindScp.QUERY_RETRIEVE_LEVEL);
        ResourceType level = FindScp.level(levelText);
        int key;
        if (level == null) {
            if (get || levelText != null) {
                LOG.warn("{}: {} refused: QueryRetrieveLevel (0008,0052) is {}, expected PATIENT, STUDY, SERIES or "
                        + "IMAGE", request.association(), get ? "C-GET" : "C-MOVE",
                        levelText == null ? "missing" : "\"" + levelText + "\"");
                return null;
            }
            // No level: the most specific key present wins (Orthanc's C-MOVE).
            if (id.contains(SOP_INSTANCE_UID)) {
                level = ResourceType.INSTANCE;
            } else if (id.contains(SERIES_INSTANCE_UID)) {
                level = ResourceType.SERIES;
            } else if (id.contains(ACCESSION_NUMBER) || id.contains(STUDY_INSTANCE_UID)) {
                level = ResourceType.STUDY;
            } else {
                level = ResourceType.PATIENT;
            }
        }
        key = switch (level) {
            case PATIENT -> PATIENT_ID;
            case STUDY -> get ? (id.contains(ACCESSION_NUMBER) ? ACCESSION_NUMBER : STUDY_INSTANCE_UID)
                    : (nonEmpty(id.string(ACCESSION_NUMBER)) ? ACCESSION_NUMBER : STUDY_INSTANCE_UID);
            case SERIES -> SERIES_INSTANCE_UID;
            case INSTANCE -> SOP_INSTANCE_UID;
        };
        String value = id.string(key);
        if (!nonEmpty(value)) {
            LOG.warn("{}: {} refused: the key {} of level {} is missing or empty", request.association(),
                    get ? "C-GET" : "C-MOVE", io.isengard.dicom.Tag.toString(key), level);
            return null;
        }
        List<ResourceRef> resources = new ArrayList<>();
        for (String item : value.split("\\\\")) {
            String v = item.strip();
            if (v.isEmpty()) {
                continue;
            }
            List<ResourceRef> found = search.find(new FindRequest(level, Map.of(key, v), true, 0, 0, List.of(),
                    FindQuery.LabelsConstraint.All, List.of(), Map.of(), List.of()));
            if (found.isEmpty() && get) {
                LOG.warn("{}: C-GET refused: no {} with {} = \"{}\"", request.association(), level,
                        io.isengard.dicom.Tag.toString(key), v);
                return null;
            }
            resources.addAll(found);
        }
        List<ResourceRef> out = new ArrayList<>();
        Set<Long> seen = new java.util.HashSet<>();
        for (ResourceRef r : resources) {
            List<ResourceRef> below = r.type() == ResourceType.INSTANCE ? List.of(r)
                    : index.read(tx -> tx.descendants(r.internalId(), ResourceType.INSTANCE));
            for (ResourceRef i : below) {
                if (seen.add(i.internalId())) {
                    out.add(i);
                }
            }
        }
        return out;
    }

    private static boolean nonEmpty(String s) {
        return s != null && !s.isBlank();
    }

    /** An instance to send, with what its presentation context needs. */
    record OutgoingInstance(ResourceRef instance, String sopClassUid, String sopInstanceUid,
            String transferSyntaxUid) {}

    private List<OutgoingInstance> describe(List<ResourceRef> instances) {
        return index.read(tx -> {
            List<OutgoingInstance> l = new ArrayList<>(instances.size());
            for (ResourceRef i : instances) {
                Map<Integer, String> metadata = tx.metadata(i.internalId());
                Map<Integer, String> tags = tx.mainDicomTags(i.internalId());
                l.add(new OutgoingInstance(i, metadata.getOrDefault(MetadataType.SopClassUid.code(), ""),
                        tags.getOrDefault(SOP_INSTANCE_UID, ""),
                        metadata.getOrDefault(MetadataType.TransferSyntax.code(), "1.2.840.10008.1.2")));
            }
            return l;
        });
    }
}
