package io.isengard.server.logging;

import java.util.List;

/**
 * Orthanc's log categories ({@code --verbose-http}, {@code --trace-dicom}...),
 * mapped to the loggers of the code each one covers.
 */
public enum LogCategory {
    generic(List.of("io.isengard"), List.of()),
    plugins(List.of("io.isengard.server.plugins"), List.of()),
    http(List.of("io.isengard.server.rest"), List.of("org.eclipse.jetty", "io.javalin")),
    dicom(List.of("io.isengard.dicom", "io.isengard.net", "io.isengard.server.dicom"), List.of()),
    sqlite(List.of("io.isengard.server.index"),
            List.of("org.flywaydb", "com.zaxxer.hikari", "org.sqlite", "org.postgresql")),
    jobs(List.of("io.isengard.server.jobs"), List.of()),
    lua(List.of("io.isengard.server.lua"), List.of());

    private final List<String> ownLoggers;
    private final List<String> libraryLoggers;

    LogCategory(List<String> ownLoggers, List<String> libraryLoggers) {
        this.ownLoggers = ownLoggers;
        this.libraryLoggers = libraryLoggers;
    }

    /** Loggers of Isengard's own code in this category. */
    public List<String> ownLoggers() {
        return ownLoggers;
    }

    /** Loggers of libraries doing this category's work (never made more verbose than INFO). */
    public List<String> libraryLoggers() {
        return libraryLoggers;
    }

    /** The category named {@code name} (lower case, as on Orthanc's command line), or null. */
    public static LogCategory lookup(String name) {
        for (LogCategory c : values()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
