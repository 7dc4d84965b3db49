package io.isengard.dicom.io;

/**
 * How {@link DicomReader} reads.
 *
 * @param stopBeforePixelData stop at the top-level (7FE0,0010) and report its offset (header-only mode)
 * @param bulkDataThreshold values longer than this many bytes are kept as
 *     {@link io.isengard.dicom.BulkData} references when the source is a file
 *     that is not deflated (else they are read); {@code Long.MAX_VALUE} reads everything
 * @param maxDepth the deepest nesting of sequences accepted (1 = items of top-level sequences)
 */
public record ReadOptions(boolean stopBeforePixelData, long bulkDataThreshold, int maxDepth) {
    /** Sequences nested deeper than this are refused by default; real files stay far below. */
    public static final int DEFAULT_MAX_DEPTH = 64;

    /** Everything read into memory. */
    public static final ReadOptions DEFAULT = new ReadOptions(false, Long.MAX_VALUE, DEFAULT_MAX_DEPTH);

    /** Stops before the pixel data; what precedes it is read into memory. */
    public static final ReadOptions HEADER_ONLY = new ReadOptions(true, Long.MAX_VALUE, DEFAULT_MAX_DEPTH);

    public ReadOptions {
        if (bulkDataThreshold < 0 || maxDepth < 1) {
            throw new IllegalArgumentException("bulkDataThreshold >= 0 and maxDepth >= 1 required");
        }
    }

    public ReadOptions withStopBeforePixelData(boolean stop) {
        return new ReadOptions(stop, bulkDataThreshold, maxDepth);
    }

    public ReadOptions withBulkDataThreshold(long threshold) {
        return new ReadOptions(stopBeforePixelData, threshold, maxDepth);
    }

    public ReadOptions withMaxDepth(int depth) {
        return new ReadOptions(stopBeforePixelData, bulkDataThreshold, depth);
    }
}
