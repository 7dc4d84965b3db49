package io.isengard.dicom;

import java.nio.file.Path;

/**
 * A value left where it lies: {@code length} bytes at {@code offset} of
 * {@code source}. Binary values in a big-endian source are still big-endian
 * there; {@code bigEndian} says so, so that a writer can swap them.
 *
 * @param source the file that holds the bytes, or null if the reader consumed
 *     a stream and the bytes can no longer be had (header-only parsing)
 */
public record BulkData(Path source, long offset, long length, boolean bigEndian) {
    public BulkData {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must be positive: " + offset + ", " + length);
        }
    }
}
