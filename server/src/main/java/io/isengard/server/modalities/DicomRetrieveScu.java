package io.isengard.server.modalities;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.dicom.DataSet;
import io.isengard.dicom.Tag;
import io.isengard.dicom.net.DimseResponse;
import io.isengard.dicom.net.PresentationContexts;
import io.isengard.dicom.net.Scu;
import io.isengard.dicom.net.ServiceHandlers;
import io.isengard.dicom.net.StoreRequest;
import io.isengard.dicom.net.dimse.Status;
import io.isengard.server.ingest.IngestOrigin;
import io.isengard.server.ingest.IngestService;
import io.isengard.server.ingest.StoreResult;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.ResourceType;
import io.isengard.server.rest.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of Orthanc's "DicomMoveScu" (C-MOVE) and "DicomGetScu" (C-GET)
 * jobs (modalities.md §5, §6, §7.5): one retrieve per resource, on one
 * association, a cursor over the resources. {@link #step()} retrieves one
 * for {@link DicomMoveScuJob}.
 */
public final class DicomRetrieveScu implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DicomRetrieveScu.class);

    public enum Method { C_MOVE, C_GET }

    /**
     * @param resources one identifier per retrieve, tag → value (all given keys, for the job's description)
     * @param targetAet C-MOVE destination (ignored for C-GET)
     * @param queryFormat how {@code Query} is shown in the content
     */
    public record Request(Method method, ModalityConnector.Target target, ResourceType level,
            List<SortedMap<Integer, String>> resources, String targetAet, boolean permissive, String description,
            io.isengard.server.rest.TagFormat queryFormat) {
    }

    private final Request request;
    private final ModalityConnector connector;
    private final IngestService ingest;
    private final List<List<String>> received = new ArrayList<>();
    private final List<Integer> statuses = new ArrayList<>();
    private Scu scu;
    private int cursor;

    /** @param ingest stores the instances a C-GET receives (null for C-MOVE) */
    public DicomRetrieveScu(Request request, ModalityConnector connector, IngestService ingest) {
        this.request = request;
        this.connector = connector;
        this.ingest = ingest;
    }

    /** The identifier sent for one resource: the keys of its level only, plus QueryRetrieveLevel (§5). */
    public static DataSet identifier(ResourceType level, Map<Integer, String> resource, Manufacturer manufacturer) {
        int[] keys = switch (level) {
            case PATIENT -> new int[] {FindScu.PATIENT_ID};
            case STUDY -> new int[] {FindScu.STUDY_INSTANCE_UID};
            case SERIES -> new int[] {FindScu.STUDY_INSTANCE_UID, FindScu.SERIES_INSTANCE_UID};
            case INSTANCE -> new int[] {FindScu.STUDY_INSTANCE_UID, FindScu.SERIES_INSTANCE_UID,
                FindScu.SOP_INSTANCE_UID};
        };
        DataSet ds = new DataSet();
        ds.putString(FindScu.QUERY_RETRIEVE_LEVEL, io.isengard.dicom.VR.CS, QueryLevels.dicom(level));
        for (int tag : keys) {
            String value = resource.get(tag);
            if (value == null) {
                throw new OrthancException(ErrorCode.BadRequest, "Missing tag " + Tag.toString(tag));
            }
            QueryKeys.put(ds, tag, FindScu.fixWildcard(manufacturer, tag, value));
        }
        return ds;
    }

    public Request request() {
        return request;
    }

    /** The instances received by C-GET, one list per resource retrieved so far. */
    public List<List<String>> received() {
        return received;
    }

    /** The final DIMSE status of each resource retrieved so far (-1: no answer). */
    public List<Integer> statuses() {
        return statuses;
    }

    /** Back to a saved position (SaveJobs), with what the resources before it gave. */
    public void restore(int position, List<List<String>> receivedBefore, List<Integer> statusesBefore) {
        if (position < 0 || position > request.resources().size() || receivedBefore.size() != position
                || statusesBefore.size() > position) {
            throw new IllegalArgumentException("saved position " + position + " does not match the "
                    + request.resources().size() + " resources and the details saved");
        }
        cursor = position;
        received.clear();
        receivedBefore.forEach(r -> received.add(new ArrayList<>(r)));
        statuses.clear();
        statuses.addAll(statusesBefore);
    }

    public int size() {
        return request.resources().size();
    }

    public int position() {
        return cursor;
    }

    public boolean isDone() {
        return cursor >= request.resources().size();
    }

    public float progress() {
        return request.resources().isEmpty() ? 1 : (float) cursor / request.resources().size();
    }

    /** Retrieves the next resource. */
    public void step() {
        SortedMap<Integer, String> resource = request.resources().get(cursor);
        List<String> ids = new ArrayList<>();
        received.add(ids);
        try {
            DataSet identifier = identifier(request.level(), resource, request.target().modality().manufacturer());
            int status = request.method() == Method.C_MOVE ? move(identifier) : get(identifier, ids);
            statuses.add(status);
            if (status != Status.SUCCESS && !Status.isPending(status)) {
                String command = request.method() == Method.C_MOVE ? "C-MOVE" : "C-GET";
                throw FindScu.failure(command, request.target().calledAet(), status,
                        " (unable to process - resource not found ?)");
            }
        } catch (OrthancException e) {
            if (statuses.size() < received.size()) {
                statuses.add(-1);
            }
            if (!request.permissive()) {
                throw e;
            }
            LOG.warn("{} from {}: resource {} not retrieved ({}), going on (permissive)", request.method(),
                    request.target().calledAet(), cursor, e.details());
        } finally {
            cursor++;
        }
    }

    private int move(DataSet identifier) {
        if (scu == null) {
            scu = connector.open(request.target(), ModalityConnector.controlContexts());
        }
        try {
            DimseResponse rsp = scu.move(PresentationContexts.STUDY_ROOT_MOVE, request.targetAet(), identifier,
                    pending -> { });
            return rsp.status();
        } catch (Scu.NoPresentationContextException e) {
            throw new OrthancException(ErrorCode.DicomMoveUnavailable, "The C-MOVE command is not supported by the"
                    + " remote SCP (AET \"" + request.target().calledAet() + "\")", e);
        } catch (IOException e) {
            closeQuietly();
            throw ModalityConnector.failure("C-MOVE to", request.target().calledAet(), e);
        }
    }

    private int get(DataSet identifier, List<String> ids) {
        // The store handler stores into the list of the resource being retrieved: reopen per resource is not
        // needed, the handler looks the current list up.
        if (scu == null) {
            List<String> classes = sopClassesInStudy(request.resources().get(cursor));
            scu = connector.open(request.target(), GetStorageClasses.contexts(classes),
                    ServiceHandlers.echoOnly().withStore(this::storeReceived));
        }
        try {
            DimseResponse rsp = scu.get(PresentationContexts.STUDY_ROOT_GET, identifier, pending -> { });
            return rsp.status();
        } catch (Scu.NoPresentationContextException e) {
            throw new OrthancException(ErrorCode.NotImplemented, "The C-GET command is not supported by the"
                    + " remote SCP (AET \"" + request.target().calledAet() + "\")", e);
        } catch (IOException e) {
            closeQuietly();
            throw ModalityConnector.failure("C-GET to", request.target().calledAet(), e);
        }
    }

    private static List<String> sopClassesInStudy(Map<Integer, String> resource) {
        String v = resource.get(0x00080062);
        if (v == null || v.isBlank()) {
            return List.of();
        }
        return Arrays.stream(v.split("\\\\")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** A C-STORE sub-operation of our C-GET: ingested like an incoming C-STORE. */
    private int storeReceived(StoreRequest rq) throws IOException {
        // writePart10 streams the meta group then the data set: pipe it into the ingest without holding it.
        java.io.PipedInputStream in = new java.io.PipedInputStream(64 * 1024);
        java.io.PipedOutputStream out = new java.io.PipedOutputStream(in);
        IOException[] writeFailure = new IOException[1];
        Thread writer = Thread.ofVirtual().start(() -> {
            try (out) {
                rq.writePart10(out);
            } catch (IOException e) {
                writeFailure[0] = e;
            }
        });
        StoreResult result;
        try (InputStream body = in) {
            result = ingest.store(body, IngestOrigin.dicom(request.target().calledAet(),
                    request.target().callingAet(), rq.association().remoteAddress().getHostAddress()));
        } finally {
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (writeFailure[0] != null) {
            throw writeFailure[0];
        }
        received.get(received.size() - 1).add(result.instanceId());
        return Status.SUCCESS;
    }

    private void closeQuietly() {
        if (scu != null) {
            try {
                scu.close();
            } catch (IOException e) {
                LOG.debug("release: {}", e.toString());
            }
            scu = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }

    /** The job content (1.12 shape): Description, LocalAet, RemoteAet, Query, TargetAet (C-MOVE), Details (C-GET). */
    public ObjectNode content() {
        ObjectNode o = Json.object();
        o.put("Description", request.description());
        o.put("LocalAet", request.target().callingAet());
        o.put("RemoteAet", request.target().calledAet());
        ArrayNode query = o.putArray("Query");
        for (SortedMap<Integer, String> r : request.resources()) {
            query.add(request.queryFormat().render(r));
        }
        if (request.method() == Method.C_MOVE) {
            o.put("TargetAet", request.targetAet());
        } else {
            ArrayNode details = o.putArray("Details");
            for (int i = 0; i < received.size(); i++) {
                ObjectNode d = details.addObject();
                d.put("DimseErrorStatus", i < statuses.size() ? Math.max(statuses.get(i), 0) : 0);
                ArrayNode ids = d.putArray("ReceivedInstancesIds");
                received.get(i).forEach(ids::add);
            }
        }
        return o;
    }
}
