package io.isengard.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Isengard's own version, and the Orthanc version and API level it is compatible with. */
public final class IsengardVersion {
    /** The Orthanc release whose REST API Isengard follows (reported as "Version" by /system). */
    public static final String ORTHANC_VERSION = "1.12.11";
    /** The Orthanc API level that clients test for (reported as "ApiVersion" by /system). */
    public static final int ORTHANC_API_VERSION = 30;

    private IsengardVersion() {}

    /** The version of this build of Isengard, filtered in by Maven (read once: /system asks for it each time). */
    public static String isengard() {
        return Build.VERSION;
    }

    private static final class Build {
        static final String VERSION = read();
    }

    private static String read() {
        try (InputStream in = IsengardVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
