package io.isengard.dicom;

/**
 * Malformed DICOM input: says at which byte offset of the input, and what was
 * expected there. The one exception the reader throws for bad data.
 */
public final class DicomParseException extends java.io.IOException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    public DicomParseException(long offset, String message) {
        super(message + " (at byte offset " + offset + ")");
        this.offset = offset;
    }

    public DicomParseException(long offset, String message, Throwable cause) {
        super(message + " (at byte offset " + offset + ")", cause);
        this.offset = offset;
    }

    /** Byte offset in the input where the problem was found. */
    public long offset() {
        return offset;
    }
}
