package io.isengard.server.jobs;

import java.io.IOException;
import java.io.InputStream;

/** An output of a successful job, served by {@code GET /jobs/{id}/{key}} (e.g. the ZIP of an archive job). */
public interface JobOutput {
    String contentType();

    /** The file name of the Content-Disposition header, or null. */
    String filename();

    /** The size in bytes, or -1 if unknown. */
    long size();

    /** The bytes, from the start; the caller closes the stream. */
    InputStream open() throws IOException;
}
