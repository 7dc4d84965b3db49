package io.isengard.server.modalities;

import io.isengard.dicom.TransferSyntax;
import io.isengard.dicom.net.DimseResponse;
import io.isengard.dicom.net.PresentationContexts;
import io.isengard.dicom.net.Scu;
import io.isengard.server.index.Index;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.MetadataType;
import io.isengard.server.model.OrthancException;
import io.isengard.server.resources.InstanceFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of Orthanc's "DicomModalityStore" job (modalities.md §4.1): the
 * instances to send, a cursor, counts; one association opened lazily,
 * reused, and renegotiated when an instance needs a presentation context it
 * lacks. {@link #send} sends one instance for {@link DicomModalityStoreJob},
 * which calls {@link #close()} when it pauses or ends.
 */
public final class DicomModalityStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DicomModalityStore.class);
    private static final int MAX_CONTEXTS = 128;

    /** What to send, and how. */
    public record Request(String modalityName, ModalityConnector.Target target, List<String> parentResources,
            List<String> instances, String moveOriginatorAet, int moveOriginatorId, boolean permissive,
            String description) {
    }

    private record Syntax(String sopClassUid, String transferSyntaxUid) {
    }

    private final Request request;
    private final Index index;
    private final InstanceFiles files;
    private final ModalityConnector connector;
    private final Set<Syntax> proposed = new LinkedHashSet<>();
    private Scu scu;

    public DicomModalityStore(Request request, Index index, InstanceFiles files, ModalityConnector connector) {
        this.request = request;
        this.index = index;
        this.files = files;
        this.connector = connector;
    }

    /** Every instance below the given resources, in the order of the resources. */
    public static List<String> expandToInstances(Index index, List<String> resources) {
        List<String> out = new ArrayList<>();
        index.read(tx -> {
            for (String id : resources) {
                ResourceRef r = tx.lookup(id);
                if (r == null) {
                    throw new OrthancException(ErrorCode.UnknownResource, "Unknown resource: " + id);
                }
                if (r.type() == io.isengard.server.model.ResourceType.INSTANCE) {
                    out.add(r.publicId());
                } else {
                    tx.descendants(r.internalId(), io.isengard.server.model.ResourceType.INSTANCE)
                            .forEach(i -> out.add(i.publicId()));
                }
            }
            return null;
        });
        return out;
    }

    private String description() {
        return "DicomModalityStore to " + request.target().calledAet();
    }

    /**
     * Sends one instance on the job's association (opened or renegotiated as
     * needed); the body of a jobs engine's {@code handleInstance}. Failures
     * are {@link OrthancException}s (error 9, 2014, 2015).
     */
    public void send(String instanceId) {
        if (!connector.acceptsStore(instanceId, request.target())) {
            LOG.info("{}: instance {} not sent (OutgoingCStoreInstanceFilter)", description(), instanceId);
            return;
        }
        InstanceFiles.Located located = files.locate(instanceId);
        if (located == null) {
            throw new OrthancException(ErrorCode.UnknownResource, "instance " + instanceId
                    + " was deleted after the store was requested");
        }
        Map<Integer, String> metadata = index.read(tx -> tx.metadata(located.instance().internalId()));
        String sopClass = metadata.get(MetadataType.SopClassUid.code());
        String syntax = metadata.getOrDefault(MetadataType.TransferSyntax.code(),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        if (sopClass == null) {
            throw new OrthancException(ErrorCode.NoSopClassOrInstance,
                    "instance " + instanceId + " has no SOP Class UID metadata");
        }
        ensureContext(new Syntax(sopClass, syntax));
        Path temporary = null;
        try {
            Optional<Path> local = files.localFile(located.requireFile());
            Path path;
            if (local.isPresent()) {
                path = local.get();
            } else {
                // Compressed storage: the association sends from a file, so inflate once to a temporary one.
                temporary = Files.createTempFile("isengard-store-scu-", ".dcm");
                try (InputStream in = files.open(located.requireFile())) {
                    Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
                }
                path = temporary;
            }
            DimseResponse rsp = request.moveOriginatorId() != 0
                    ? scu.store(path, request.moveOriginatorAet(), request.moveOriginatorId())
                    : scu.store(path);
            if (!DicomStoreFailure.isSuccess(rsp.status())) {
                throw DicomStoreFailure.of(request.target().calledAet(), rsp.status());
            }
        } catch (Scu.NoPresentationContextException e) {
            throw new OrthancException(ErrorCode.NoPresentationContext, "No valid presentation context was "
                    + "negotiated for SOP class UID [" + sopClass + "] and transfer syntax [" + syntax
                    + "] while sending to modality [" + request.target().calledAet() + "]", e);
        } catch (IOException e) {
            closeQuietly();
            throw ModalityConnector.failure("sending C-STORE to", request.target().calledAet(), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    LOG.warn("cannot delete {}: {}", temporary, e.toString());
                }
            }
        }
    }

    /** Opens the association, or reopens it proposing one more (SOP class, transfer syntax). */
    private void ensureContext(Syntax needed) {
        if (scu != null && scu.association().isOpen() && proposed.contains(needed)) {
            return;
        }
        if (proposed.size() >= MAX_CONTEXTS / 2) {
            proposed.clear(); // each pair takes up to two contexts: start a new set
        }
        proposed.add(needed);
        closeQuietly();
        PresentationContexts contexts = new PresentationContexts();
        for (Syntax s : proposed) {
            contexts.storage(s.sopClassUid(), s.transferSyntaxUid());
        }
        scu = connector.open(request.target(), contexts);
    }

    private void closeQuietly() {
        if (scu != null) {
            try {
                scu.close();
            } catch (IOException e) {
                LOG.debug("{}: release: {}", description(), e.toString());
            }
            scu = null;
        }
    }

    /** Releases the association (the job ends, fails or is paused). */
    @Override
    public void close() {
        closeQuietly();
    }
}
