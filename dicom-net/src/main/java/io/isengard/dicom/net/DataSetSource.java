package io.isengard.dicom.net;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a bare data set, already in the presentation context's transfer syntax, to a message being sent. */
@FunctionalInterface
public interface DataSetSource {
    void writeTo(OutputStream out) throws IOException;
}
