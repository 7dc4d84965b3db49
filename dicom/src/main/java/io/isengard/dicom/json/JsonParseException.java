package io.isengard.dicom.json;

/** Malformed JSON, or JSON that is not the DICOM JSON model where that was expected. */
public final class JsonParseException extends RuntimeException {
    private final int offset;

    public JsonParseException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    /** Character offset in the input where the problem was found, or -1 if not tied to a place. */
    public int offset() {
        return offset;
    }
}
