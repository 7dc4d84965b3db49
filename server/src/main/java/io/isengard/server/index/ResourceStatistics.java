package io.isengard.server.index;

/**
 * Counts below a resource and the sizes of all attachments of the resource
 * and its descendants; {@code dicomDiskSize}/{@code dicomUncompressedSize}
 * count only the "dicom" attachments of its instances.
 */
public record ResourceStatistics(long studies, long series, long instances, long diskSize, long uncompressedSize,
        long dicomDiskSize, long dicomUncompressedSize) {
}
