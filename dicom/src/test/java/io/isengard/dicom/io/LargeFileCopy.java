package io.isengard.dicom.io;

import io.isengard.dicom.BulkData;
import io.isengard.dicom.DataSet;
import io.isengard.dicom.Tag;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Run by {@link LargeFileTest} in a JVM with a small heap: reads the header of
 * a file whose pixel data is larger than that heap, then copies the file read
 * → write with the pixel data as a bulk data reference. Exits non-zero, saying
 * why, if anything is not as expected.
 */
public final class LargeFileCopy {
    private LargeFileCopy() {}

    /** Arguments: source file, target file, expected offset of the PixelData tag. */
    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        Path target = Path.of(args[1]);
        long pixelDataOffset = Long.parseLong(args[2]);
        System.out.printf("max heap: %d MiB%n", Runtime.getRuntime().maxMemory() >> 20);

        long t0 = System.nanoTime();
        DicomFile header = DicomReader.read(source, ReadOptions.HEADER_ONLY);
        long t1 = System.nanoTime();
        check(header.stoppedBeforePixelData(), "header-only reading did not stop at the pixel data");
        check(header.pixelDataOffset() == pixelDataOffset,
                "pixel data at " + header.pixelDataOffset() + ", expected " + pixelDataOffset);
        check(header.dataSet().equals(SyntheticLargeFile.header()), "header differs: " + header.dataSet());
        check(!header.dataSet().contains(Tag.PixelData), "header-only data set holds the pixel data");
        System.out.printf("header-only read: %.1f ms%n", (t1 - t0) / 1e6);

        DicomFile full = DicomReader.read(source, ReadOptions.DEFAULT.withBulkDataThreshold(1 << 20));
        long t2 = System.nanoTime();
        Object pixels = full.dataSet().value(Tag.PixelData);
        check(pixels instanceof BulkData, "pixel data was not read as a bulk data reference: " + pixels);
        BulkData bulk = (BulkData) pixels;
        check(bulk.offset() == pixelDataOffset + 12 && bulk.length() == SyntheticLargeFile.PIXEL_BYTES,
                "pixel data reference " + bulk);
        System.out.printf("read with bulk data reference: %.1f ms%n", (t2 - t1) / 1e6);

        try (OutputStream out = new FileOutputStream(target.toFile())) {
            DataSet meta = full.meta();
            DicomWriter.writeFile(out, meta, full.dataSet(), full.transferSyntax());
        }
        long t3 = System.nanoTime();
        System.out.printf("write (copy of %d bytes): %.1f ms, %.0f MB/s%n", SyntheticLargeFile.PIXEL_BYTES,
                (t3 - t2) / 1e6, SyntheticLargeFile.PIXEL_BYTES / ((t3 - t2) / 1e9) / 1e6);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            System.out.println("FAILED: " + what);
            System.exit(1);
        }
    }
}
