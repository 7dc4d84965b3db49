package io.isengard.server.index;

/** Counts and sizes for GET /statistics. */
public record GlobalStatistics(long patients, long studies, long series, long instances, long diskSize,
        long uncompressedSize) {
}
