package io.isengard.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.isengard.dicom.DicomParseException;

/** Asserts that reading fails the one way malformed input may fail. */
final class ParseErrors {
    private ParseErrors() {}

    /**
     * Reads {@code input} and returns the DicomParseException it raised; fails
     * on success or any other throwable, or if the exception has no offset
     * within the input.
     */
    static DicomParseException parseError(Reading how, byte[] input, ReadOptions options, String context) {
        Throwable t = catchThrowable(() -> how.read(input, options));
        assertThat(t).as("reading %s by %s", context, how).isExactlyInstanceOf(DicomParseException.class);
        DicomParseException e = (DicomParseException) t;
        assertThat(e.offset()).as("offset of %s: %s", context, e.getMessage()).isBetween(0L, (long) input.length);
        assertThat(e.getMessage()).endsWith("(at byte offset " + e.offset() + ")");
        return e;
    }

    static DicomParseException parseError(Reading how, byte[] input, ReadOptions options) {
        return parseError(how, input, options, "the input");
    }

    static DicomParseException parseError(Reading how, byte[] input) {
        return parseError(how, input, ReadOptions.DEFAULT, "the input");
    }
}
