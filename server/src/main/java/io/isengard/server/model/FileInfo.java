package io.isengard.server.model;

/**
 * An attachment as the index records it (resources.md §9).
 *
 * @param compressionType 1 = none, 2 = zlib with an 8-byte size prefix ("ZlibWithSize")
 * @param uncompressedMd5 hex MD5, or null when MD5s are not stored
 */
public record FileInfo(String uuid, int contentType, long uncompressedSize, String uncompressedMd5,
        long compressedSize, String compressedMd5, int compressionType, long revision) {
    public static final int COMPRESSION_NONE = 1;
    public static final int COMPRESSION_ZLIB_WITH_SIZE = 2;

    /** The same file recorded at another revision. */
    public FileInfo withRevision(long newRevision) {
        return new FileInfo(uuid, contentType, uncompressedSize, uncompressedMd5, compressedSize, compressedMd5,
                compressionType, newRevision);
    }

    public boolean isCompressed() {
        return compressionType != COMPRESSION_NONE;
    }
}
