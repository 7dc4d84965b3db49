package io.isengard.server.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Isengard's commented default configuration, as written by {@code isengard --config=FILE}. */
public final class DefaultConfiguration {
    static final String RESOURCE = "/io/isengard/server/default-configuration.json";

    private DefaultConfiguration() {}

    /** The text of the file, comments included. */
    public static String text() {
        try (InputStream in = DefaultConfiguration.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
