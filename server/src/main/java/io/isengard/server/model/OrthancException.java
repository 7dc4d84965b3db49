package io.isengard.server.model;

/**
 * A failure that the REST API answers with Orthanc's error JSON: an error
 * code, optional details for the user, and optionally an HTTP status other
 * than the code's own (e.g. 507 for a full storage in Reject mode).
 */
public class OrthancException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode error;
    private final String details;
    private final int httpStatus;

    public OrthancException(ErrorCode error) {
        this(error, null);
    }

    public OrthancException(ErrorCode error, String details) {
        this(error, details, error.httpStatus(), null);
    }

    public OrthancException(ErrorCode error, String details, Throwable cause) {
        this(error, details, error.httpStatus(), cause);
    }

    public OrthancException(ErrorCode error, String details, int httpStatus, Throwable cause) {
        super(details == null ? error.description() : error.description() + ": " + details, cause);
        this.error = error;
        this.details = details;
        this.httpStatus = httpStatus;
    }

    public ErrorCode error() {
        return error;
    }

    /** Details for the user, or null. */
    public String details() {
        return details;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
