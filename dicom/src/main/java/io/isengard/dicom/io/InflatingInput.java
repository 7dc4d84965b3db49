package io.isengard.dicom.io;

import io.isengard.dicom.DicomParseException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * The raw deflate stream of a deflated data set (PS3.5 §A.5). A corrupt or
 * cut stream is malformed input like any other, so the inflater's
 * ZipException and EOFException become DicomParseException, at the offset of
 * the compressed byte where inflating stopped.
 */
final class InflatingInput extends InflaterInputStream {
    private final long start;

    /** @param start offset in the input of the first compressed byte */
    InflatingInput(InputStream compressed, long start, int bufferSize) {
        super(compressed, new Inflater(true), bufferSize);
        this.start = start;
    }

    // skip() and read() go through here too.
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (ZipException e) {
            throw new DicomParseException(start + inf.getBytesRead(),
                    "corrupt deflated data set (" + e.getMessage() + "); expected a raw deflate stream", e);
        } catch (EOFException e) {
            throw new DicomParseException(start + inf.getBytesRead(),
                    "unexpected end of input inside the deflated data set; expected more deflate data", e);
        }
    }
}
