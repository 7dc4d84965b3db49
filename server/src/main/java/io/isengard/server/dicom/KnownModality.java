package io.isengard.server.dicom;

/**
 * A remote modality as the DICOM server needs it (dicom-server.md §2, §7):
 * where it listens and what it may ask of us.
 */
public record KnownModality(String name, String aet, String host, int port, boolean allowEcho, boolean allowFind,
        boolean allowFindWorklist, boolean allowGet, boolean allowMove, boolean allowStore,
        boolean allowStorageCommitment, boolean useDicomTls) {

    /** The permission flag of one kind of request (Orthanc's {@code DicomRequestType}). */
    public boolean allows(DicomRequestType type) {
        return switch (type) {
            case Echo -> allowEcho;
            case Find -> allowFind;
            case FindWorklist -> allowFindWorklist;
            case Get -> allowGet;
            case Move -> allowMove;
            case Store -> allowStore;
            case NAction, NEventReport -> allowStorageCommitment;
        };
    }
}
