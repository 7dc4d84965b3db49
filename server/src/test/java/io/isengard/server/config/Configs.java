package io.isengard.server.config;

import java.nio.file.Path;

/** Configurations written inline in tests. */
final class Configs {
    private Configs() {}

    /** The configuration of a file with this text in {@code base} (comments allowed, no substitution). */
    static OrthancConfiguration of(String json, Path base) {
        return new OrthancConfiguration(ConfigurationLoader.parse(json, "test"), base);
    }

    static OrthancConfiguration of(String json) {
        return of(json, Path.of("/srv/isengard"));
    }

    static CoreSettings core(String json) {
        return CoreSettings.of(of(json));
    }
}
