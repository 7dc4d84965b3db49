package io.isengard.server.tls;

/** A PEM file that can't serve its purpose; the message says what was wrong and what was expected. */
public final class PemException extends Exception {
    private static final long serialVersionUID = 1L;

    public PemException(String message) {
        super(message);
    }

    public PemException(String message, Throwable cause) {
        super(message, cause);
    }
}
