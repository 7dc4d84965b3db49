package io.isengard.server.model;

/** The system metadata of resources.md §10 (user metadata are 1024-65535). */
public enum MetadataType {
    IndexInSeries(1), ReceptionDate(2), RemoteAET(3), ExpectedNumberOfInstances(4), ModifiedFrom(5),
    AnonymizedFrom(6), LastUpdate(7), Origin(8), TransferSyntax(9), SopClassUid(10), RemoteIP(11),
    CalledAET(12), HttpUsername(13), PixelDataOffset(14), MainDicomTagsSignature(15), MainDicomSequences(16),
    PixelDataVR(17);

    public static final int FIRST_USER = 1024;
    public static final int LAST_USER = 65535;

    private final int code;

    MetadataType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The system metadata with this number, or null. */
    public static MetadataType ofCode(int code) {
        for (MetadataType m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        return null;
    }
}
