package io.isengard.server.index;

/** A database failure that is not the caller's fault (it maps to Orthanc's "Database" error). */
public class IndexException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
