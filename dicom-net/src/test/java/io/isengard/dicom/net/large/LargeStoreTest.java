package io.isengard.dicom.net.large;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.Tag;
import io.isengard.dicom.io.DicomFile;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.ReadOptions;
import io.isengard.dicom.net.PresentationContexts;
import io.isengard.dicom.net.Scu;
import io.isengard.dicom.net.dimse.Status;
import io.isengard.dicom.net.testing.TestScp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A C-STORE of a 2 GiB instance received by a JVM limited to 256 MiB: the
 * data set goes from the socket to the file without being held in memory.
 * Our SCU sends it from this JVM, streaming from the file. Generated, never
 * committed; deleted afterwards. Skipped without 8 GiB free.
 */
@org.junit.jupiter.api.Tag("large")
class LargeStoreTest {
    private static final long FREE_SPACE_NEEDED = 8L << 30;

    @TempDir
    Path dir;

    @Test
    @Timeout(600)
    void twoGibibyteInstanceIsReceivedWithA256MebibyteHeap() throws Exception {
        long free = Files.getFileStore(dir).getUsableSpace();
        Assumptions.assumeTrue(free >= FREE_SPACE_NEEDED,
                "LargeStoreTest needs 8 GiB free in " + dir + ", has " + (free >> 20) + " MiB: skipped");
        Path source = dir.resolve("large.dcm");
        Path received = dir.resolve("received.dcm");
        long t0 = System.nanoTime();
        SyntheticLargeInstance.write(source);
        report("generated %d bytes in %.1f s", Files.size(source), (System.nanoTime() - t0) / 1e9);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", classPath, LargeStoreReceiver.class.getName(),
                received.toString()).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            int port = -1;
            for (String line; port < 0 && (line = lines.readLine()) != null; ) {
                output.add(line);
                if (line.startsWith("PORT ")) {
                    port = Integer.parseInt(line.substring(5).strip());
                }
            }
            assertThat(port).as("the receiver started; output: %s", output).isPositive();
            Thread drain = Thread.ofVirtual().start(() -> lines.lines().forEach(output::add));

            long t1 = System.nanoTime();
            try (Scu scu = Scu.open(Scu.Parameters.of("127.0.0.1", port, "LARGESCU", TestScp.AE,
                    new PresentationContexts().storage("1.2.840.10008.5.1.4.1.1.7", "1.2.840.10008.1.2.1"))
                    .withTimeouts(Duration.ofSeconds(120), Duration.ofSeconds(30)).withMaxPduLength(131072))) {
                assertThat(scu.store(source).status()).isEqualTo(Status.SUCCESS);
            }
            report("sent in %.1f s", (System.nanoTime() - t1) / 1e9);
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("receiver ended; output: %s", output).isTrue();
            drain.join();
            assertThat(child.exitValue()).as("receiver exit code; output: %s", output).isZero();
        } finally {
            child.destroyForcibly().waitFor();
        }
        report("receiver: %s", String.join(" | ", output));

        DicomFile original = DicomReader.read(source, ReadOptions.HEADER_ONLY);
        DicomFile copy = DicomReader.read(received, ReadOptions.HEADER_ONLY);
        assertThat(copy.dataSet()).isEqualTo(original.dataSet());
        assertThat(copy.meta().string(Tag.MediaStorageSOPInstanceUID)).isEqualTo(SyntheticLargeInstance.SOP_INSTANCE_UID);
        assertThat(Files.size(received) - copy.dataSetOffset()).isEqualTo(Files.size(source) - original.dataSetOffset());
        assertThat(crc32c(received, copy.dataSetOffset())).as("CRC32C of the data set")
                .isEqualTo(crc32c(source, original.dataSetOffset()));
    }

    private static long crc32c(Path file, long from) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buf = ByteBuffer.allocateDirect(4 << 20);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.position(from);
            while (ch.read(buf.clear()) > 0) {
                crc.update(buf.flip());
            }
        }
        return crc.getValue();
    }

    private static void report(String format, Object... args) {
        System.out.println("LargeStoreTest: " + String.format(format, args));
    }
}
