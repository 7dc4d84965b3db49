package io.isengard.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 3 GiB file (pixel data longer than an int can count, larger than the
 * heap) read header-only and copied read → write in a JVM limited to 256 MiB:
 * proves that reading and writing stream, and that bulk data references work
 * past 2 GiB. Generated, never committed; deleted afterwards.
 */
@org.junit.jupiter.api.Tag("large")
class LargeFileTest {
    private static final long FREE_SPACE_NEEDED = 8L << 30;
    private static final long CHILD_SECONDS = 80;

    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void threeGibibyteFileIsReadAndCopiedWithASmallHeap() throws Exception {
        long free = Files.getFileStore(dir).getUsableSpace();
        Assumptions.assumeTrue(free >= FREE_SPACE_NEEDED,
                "LargeFileTest needs 8 GiB free in " + dir + ", has " + (free >> 20) + " MiB: skipped");
        Path source = dir.resolve("large.dcm");
        Path copy = dir.resolve("copy.dcm");

        long t0 = System.nanoTime();
        long pixelDataOffset = SyntheticLargeFile.write(source);
        long t1 = System.nanoTime();
        report("generated %d bytes: %.1f s", Files.size(source), (t1 - t0) / 1e9);

        String output = runChild(source, copy, pixelDataOffset);
        long t2 = System.nanoTime();
        report("child JVM (-Xmx256m) in %.1f s:%n%s", (t2 - t1) / 1e9, output.strip().indent(2).stripTrailing());

        assertThat(Files.size(copy)).isEqualTo(Files.size(source));
        DicomFile header = DicomReader.read(copy, ReadOptions.HEADER_ONLY);
        assertThat(header.dataSet()).isEqualTo(SyntheticLargeFile.header());
        assertThat(header.pixelDataOffset()).isEqualTo(pixelDataOffset);
        assertThat(header.meta().string(io.isengard.dicom.Tag.TransferSyntaxUID)).isEqualTo("1.2.840.10008.1.2.1");
        assertSampledPixelsAsGenerated(copy, pixelDataOffset + 12);
        assertThat(crc32c(copy)).as("CRC32C of the copy").isEqualTo(crc32c(source));
        report("verified (sampled ranges, CRC32C of both files): %.1f s", (System.nanoTime() - t2) / 1e9);
        report("total: %.1f s", (System.nanoTime() - t0) / 1e9);
    }

    private static String runChild(Path source, Path copy, long pixelDataOffset) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Surefire puts the test class path in this property; java.class.path may be its manifest-only jar.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = Files.createTempFile("large-file-copy", ".log");
        // No SLF4J provider is on the test class path; its warning about that is noise in the report.
        Process p = new ProcessBuilder(java, "-Xmx256m", "-Dslf4j.internal.verbosity=ERROR", "-cp", classPath,
                LargeFileCopy.class.getName(), source.toString(), copy.toString(), Long.toString(pixelDataOffset))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            boolean exited = p.waitFor(CHILD_SECONDS, TimeUnit.SECONDS);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(exited).as("child JVM finished within %d s; output:%n%s", CHILD_SECONDS, output).isTrue();
            assertThat(p.exitValue()).as("child JVM exit code; output:%n%s", output).isZero();
            return output;
        } finally {
            p.destroyForcibly().waitFor();
            Files.deleteIfExists(log);
        }
    }

    /** Ranges across the edges of stamps and holes: at the start, at 2 GiB, and at the end of the pixel data. */
    private static void assertSampledPixelsAsGenerated(Path file, long pixelStart) throws IOException {
        byte[] pattern = SyntheticLargeFile.pattern();
        long n = SyntheticLargeFile.PIXEL_BYTES;
        long stride = SyntheticLargeFile.STRIDE;
        int stamp = SyntheticLargeFile.STAMP;
        List<Long> starts = List.of(0L, stamp - 100L, stride - 100, (1L << 31) - 100, (1L << 31) + stamp - 100,
                n / 3, n - stamp - 100, n - 4 * stamp);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (long start : starts) {
                ByteBuffer buf = ByteBuffer.allocate(4 * stamp);
                while (buf.hasRemaining() && ch.read(buf, pixelStart + start + buf.position()) > 0) {
                    // reads until full
                }
                for (int i = 0; i < buf.capacity(); i++) {
                    byte expected = SyntheticLargeFile.pixelByte(start + i, pattern);
                    if (buf.get(i) != expected) {
                        throw new AssertionError("pixel byte " + (start + i) + " is " + buf.get(i) + ", expected "
                                + expected);
                    }
                }
            }
        }
    }

    private static long crc32c(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buf = ByteBuffer.allocateDirect(4 << 20);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buf.clear()) > 0) {
                crc.update(buf.flip());
            }
        }
        return crc.getValue();
    }

    private static void report(String format, Object... args) {
        System.out.println("LargeFileTest: " + String.format(format, args));
    }
}
