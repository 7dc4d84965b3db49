package io.isengard.server.model;

/** Entries of the change log (rest-core.md §5). */
public enum ChangeType {
    CompletedSeries(1), NewInstance(2), NewPatient(3), NewSeries(4), NewStudy(5), AnonymizedStudy(6),
    AnonymizedSeries(7), ModifiedStudy(8), ModifiedSeries(9), AnonymizedPatient(10), ModifiedPatient(11),
    StablePatient(12), StableStudy(13), StableSeries(14), UpdatedAttachment(15), UpdatedMetadata(16);

    private final int code;

    ChangeType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ChangeType ofCode(int code) {
        for (ChangeType c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown change type " + code);
    }

    /** The change logged when a resource of the given level is created. */
    public static ChangeType created(ResourceType level) {
        return switch (level) {
            case PATIENT -> NewPatient;
            case STUDY -> NewStudy;
            case SERIES -> NewSeries;
            case INSTANCE -> NewInstance;
        };
    }

    /** The change logged when a resource of the given level becomes stable (none for instances). */
    public static ChangeType stable(ResourceType level) {
        return switch (level) {
            case PATIENT -> StablePatient;
            case STUDY -> StableStudy;
            case SERIES -> StableSeries;
            case INSTANCE -> throw new IllegalArgumentException("instances are never stable");
        };
    }
}
