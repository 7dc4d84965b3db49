package io.isengard.dicom.net.testing;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.Tag;
import io.isengard.dicom.VR;
import io.isengard.dicom.io.DicomFile;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.ReadOptions;
import io.isengard.dicom.net.Handlers;
import io.isengard.dicom.net.PresentationContexts;
import io.isengard.dicom.net.Scu;
import io.isengard.dicom.net.ServiceHandlers;
import io.isengard.dicom.net.dimse.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The test's query/retrieve server: a few files held by path, C-FIND with
 * exact (or universal) matching on the keys sent, C-MOVE to destinations
 * the test declares, C-GET on the same association. Just enough matching
 * for interop tests; Orthanc's rules belong to the server module.
 */
public final class InMemoryArchive {
    /** Query keys the codec's {@code Tag} does not name. */
    public static final class Keys {
        public static final int QueryRetrieveLevel = 0x00080052;
        public static final int PatientID = 0x00100020;
        public static final int PatientName = 0x00100010;
        public static final int StudyInstanceUID = 0x0020000D;
        public static final int SeriesInstanceUID = 0x0020000E;

        private Keys() {}
    }

    private final List<Path> files;
    private final Map<Path, DataSet> headers = new LinkedHashMap<>();
    private final Map<String, InetSocketAddress> destinations = new LinkedHashMap<>();
    /** Counted down when a C-FIND handler saw the cancel; tests wait on it. */
    public final CountDownLatch findCancelled = new CountDownLatch(1);
    /** With a value above zero, C-FIND pauses after each match (so that a C-CANCEL arrives mid-way). */
    public volatile long findPauseMillis;

    public InMemoryArchive(List<Path> files) {
        this.files = List.copyOf(files);
        for (Path f : files) {
            try {
                DicomFile file = DicomReader.read(f, ReadOptions.HEADER_ONLY);
                headers.put(f, file.dataSet());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public InMemoryArchive destination(String aeTitle, int port) {
        destinations.put(aeTitle, new InetSocketAddress("127.0.0.1", port));
        return this;
    }

    public ServiceHandlers handlers() {
        return ServiceHandlers.echoOnly().withFind(this::find).withMove(this::move).withGet(this::get);
    }

    /** The level's unique key. */
    private static int levelKey(String level) {
        return switch (level.strip()) {
            case "PATIENT" -> Keys.PatientID;
            case "STUDY" -> Keys.StudyInstanceUID;
            case "SERIES" -> Keys.SeriesInstanceUID;
            default -> Tag.SOPInstanceUID;
        };
    }

    /** Files whose values equal every non-empty key of the identifier (QueryRetrieveLevel aside). */
    private List<Path> matching(DataSet identifier) {
        List<Path> out = new ArrayList<>();
        for (Path f : files) {
            DataSet h = headers.get(f);
            boolean all = true;
            for (int i = 0; i < identifier.size(); i++) {
                int tag = identifier.tagAt(i);
                String wanted = identifier.string(tag);
                if (tag == Keys.QueryRetrieveLevel || tag == Tag.SpecificCharacterSet || wanted == null
                        || wanted.isEmpty() || identifier.vrAt(i) == VR.SQ) {
                    continue;
                }
                all &= wanted.equals(h.string(tag));
            }
            if (all) {
                out.add(f);
            }
        }
        return out;
    }

    private int find(Handlers.QueryRequest request, Handlers.QueryResponder responder) throws IOException {
        DataSet keys = request.identifier();
        String level = keys.string(Keys.QueryRetrieveLevel);
        if (level == null) {
            return Status.UNABLE_TO_PROCESS;
        }
        int unique = levelKey(level);
        Map<String, DataSet> answers = new LinkedHashMap<>();
        for (Path f : matching(keys)) {
            DataSet h = headers.get(f);
            String id = h.string(unique);
            if (answers.containsKey(id)) {
                continue;
            }
            DataSet answer = new DataSet();
            for (int i = 0; i < keys.size(); i++) {
                int tag = keys.tagAt(i);
                VR vr = keys.vrAt(i);
                if (tag == Keys.QueryRetrieveLevel) {
                    answer.putString(tag, VR.CS, level.strip());
                } else if (vr != VR.SQ) {
                    String v = h.string(tag);
                    answer.putString(tag, vr, v == null ? "" : v);
                }
            }
            answers.put(id, answer);
        }
        for (DataSet answer : answers.values()) {
            if (!responder.pending(answer)) {
                findCancelled.countDown();
                return Status.CANCEL;
            }
            pause();
        }
        if (responder.cancelled()) {
            findCancelled.countDown();
            return Status.CANCEL;
        }
        return Status.SUCCESS;
    }

    private void pause() {
        if (findPauseMillis > 0) {
            try {
                Thread.sleep(findPauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Handlers.RetrieveResult move(Handlers.QueryRequest request, Handlers.RetrieveResponder responder)
            throws IOException {
        InetSocketAddress to = destinations.get(request.moveDestination());
        if (to == null) {
            return new Handlers.RetrieveResult(Status.MOVE_DESTINATION_UNKNOWN, 0, 0, 0, null);
        }
        List<Path> instances = matching(request.identifier());
        PresentationContexts contexts = new PresentationContexts();
        for (Path f : instances) {
            DicomFile h = DicomReader.read(f, ReadOptions.HEADER_ONLY);
            contexts.storage(h.dataSet().string(Tag.SOPClassUID), h.transferSyntax().uid());
        }
        int completed = 0;
        int failed = 0;
        if (instances.isEmpty()) {
            return new Handlers.RetrieveResult(Status.SUCCESS, 0, 0, 0, null);
        }
        try (Scu scu = Scu.open(Scu.Parameters.of(to.getHostString(), to.getPort(),
                request.association().calledAeTitle(), request.moveDestination(), contexts))) {
            for (Path f : instances) {
                int status = scu.store(f, request.association().callingAeTitle(), request.command().messageId())
                        .status();
                if (Status.isFailure(status)) {
                    failed++;
                } else {
                    completed++;
                }
                if (completed + failed < instances.size()) {
                    responder.pending(instances.size() - completed - failed, completed, failed, 0);
                }
            }
        }
        return new Handlers.RetrieveResult(failed == 0 ? Status.SUCCESS : Status.SUB_OPERATIONS_WARNING, completed,
                failed, 0, null);
    }

    private Handlers.RetrieveResult get(Handlers.QueryRequest request, Handlers.RetrieveResponder responder)
            throws IOException {
        List<Path> instances = matching(request.identifier());
        int completed = 0;
        int failed = 0;
        for (Path f : instances) {
            if (responder.cancelled()) {
                return new Handlers.RetrieveResult(Status.CANCEL, completed, failed, 0, null);
            }
            int status;
            try {
                status = request.association().storeFile(f, null, 0).status();
            } catch (Scu.NoPresentationContextException e) {
                status = Status.UNABLE_TO_PROCESS;
            }
            if (Status.isFailure(status)) {
                failed++;
            } else {
                completed++;
            }
            if (completed + failed < instances.size()) {
                responder.pending(instances.size() - completed - failed, completed, failed, 0);
            }
        }
        int status = failed == 0 ? Status.SUCCESS
                : completed == 0 ? Status.OUT_OF_RESOURCES_SUB_OPERATIONS : Status.SUB_OPERATIONS_WARNING;
        return new Handlers.RetrieveResult(status, completed, failed, 0, null);
    }
}
