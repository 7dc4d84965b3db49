package io.isengard.server.cli;

import io.isengard.server.model.ErrorCode;
import java.io.PrintStream;

/** {@code isengard --errors}: the error codes, laid out as Orthanc prints them. */
public final class ErrorCodeList {
    private ErrorCodeList() {}

    public static void print(PrintStream out, String header) {
        out.println(header);
        out.println("Isengard, a lightweight, RESTful DICOM server compatible with Orthanc.");
        out.println();
        out.println("List of error codes that could be returned by Isengard:");
        out.println();
        for (ErrorCode e : ErrorCode.values()) {
            out.printf("%16d   %s%n", e.code(), e.description());
        }
        out.println();
    }
}
