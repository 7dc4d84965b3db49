package io.isengard.dicom.net.large;

import io.isengard.dicom.net.DicomServer;
import io.isengard.dicom.net.ServiceHandlers;
import io.isengard.dicom.net.dimse.Status;
import io.isengard.dicom.net.testing.TestScp;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The receiving side of {@link LargeStoreTest}, run in its own JVM with a
 * small heap: a {@link DicomServer} whose store handler copies the data set
 * from the socket to a Part 10 file. Prints "PORT n", then "STORED bytes"
 * and the heap it used, and exits.
 */
public final class LargeStoreReceiver {
    private LargeStoreReceiver() {}

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        CountDownLatch stored = new CountDownLatch(1);
        long[] bytes = new long[1];
        ServiceHandlers handlers = ServiceHandlers.echoOnly().withStore(request -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
                bytes[0] = request.writePart10(out);
            }
            stored.countDown();
            return Status.SUCCESS;
        });
        try (DicomServer server = DicomServer.start(DicomServer.Config.of(0, TestScp.policy(), handlers)
                .withMaxPduLength(131072))) {
            System.out.println("PORT " + server.port());
            System.out.flush();
            if (!stored.await(10, TimeUnit.MINUTES)) {
                System.out.println("NOTHING STORED");
                System.exit(2);
            }
            // Let the C-STORE-RSP and the release go out before closing.
            while (server.activeAssociations() > 0) {
                Thread.sleep(50);
            }
        }
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.println("STORED " + bytes[0] + " data set bytes; max heap " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MiB, peak heap use (sum of pools) " + (peak >> 20) + " MiB");
    }
}
