package io.isengard.dicom.net.testing;

import io.isengard.dicom.net.DicomServer;
import io.isengard.dicom.net.ServiceHandlers;
import io.isengard.dicom.net.StoreRequest;
import io.isengard.dicom.net.assoc.AcceptorPolicy;
import io.isengard.dicom.net.dimse.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test's server: a {@link DicomServer} whose store handler writes each
 * received instance as a Part 10 file named after its SOP Instance UID, and
 * counts how often each instance arrived.
 */
public final class TestScp {
    public static final String AE = "NETTEST";

    /** The accepted storage transfer syntaxes: the native ones and a few compressed. */
    public static final List<String> STORAGE_TS = List.of("1.2.840.10008.1.2", "1.2.840.10008.1.2.1",
            "1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.57",
            "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91",
            "1.2.840.10008.1.2.5");

    private TestScp() {}

    public static AcceptorPolicy policy() {
        return AcceptorPolicy.orthancLike(AE, STORAGE_TS);
    }

    /** A store handler writing to {@code dir}; {@code received} counts arrivals per SOP Instance UID. */
    public static ServiceHandlers storingTo(Path dir, Map<String, AtomicInteger> received) {
        return ServiceHandlers.echoOnly().withStore(request -> store(request, dir, received));
    }

    public static Map<String, AtomicInteger> counter() {
        return new ConcurrentHashMap<>();
    }

    private static int store(StoreRequest request, Path dir, Map<String, AtomicInteger> received) throws IOException {
        Path file = dir.resolve(request.sopInstanceUid() + ".dcm");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            request.writePart10(out);
        }
        received.computeIfAbsent(request.sopInstanceUid(), k -> new AtomicInteger()).incrementAndGet();
        return Status.SUCCESS;
    }

    public static DicomServer start(ServiceHandlers handlers) throws IOException {
        return DicomServer.start(DicomServer.Config.of(0, policy(), handlers));
    }
}
