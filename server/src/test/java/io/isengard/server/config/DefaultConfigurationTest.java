package io.isengard.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.Server;
import io.isengard.server.rest.HttpSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default configuration written by {@code --config} against the code: same
 * values, every option the server reads documented, none of them listed as
 * unsupported; and Orthanc's own sample configuration starts a server.
 */
class DefaultConfigurationTest {
    /** Options written commented out, at the first level of the file ({@code   // "Name" : ...}). */
    private static final Pattern COMMENTED = Pattern.compile("(?m)^  // \"([A-Za-z0-9]+)\" :");

    @TempDir
    Path dir;

    private OrthancConfiguration writtenDefaults() throws IOException {
        Path file = dir.resolve("isengard.json");
        Files.writeString(file, DefaultConfiguration.text());
        return ConfigurationLoader.withSystemEnvironment().load(file);
    }

    @Test
    void valuesAreTheCodeDefaults() throws IOException {
        OrthancConfiguration written = writtenDefaults();
        OrthancConfiguration empty = Configs.of("{}", dir.toAbsolutePath());
        assertThat(CoreSettings.of(written)).isEqualTo(CoreSettings.of(empty));
        assertThat(HttpSettings.of(written)).isEqualTo(HttpSettings.of(empty));
        assertThat(written.root().get("PostgreSQL").get("EnableIndex").asBoolean()).isFalse();
    }

    @Test
    void documentsEveryOptionTheServerReads() throws Exception {
        OrthancConfiguration written = writtenDefaults();
        Set<String> consulted = readByServer(written);
        Set<String> documented = new TreeSet<>(written.options());
        Matcher m = COMMENTED.matcher(DefaultConfiguration.text());
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(consulted);
        assertThat(consulted).noneMatch(UnsupportedOptions::contains);
        // Nothing in it is worth a warning.
        assertThat(UnsupportedOptions.ignoredIn(written)).isEmpty();
        assertThat(UnsupportedOptions.unenforced(CoreSettings.of(written))).isEmpty();
    }

    @Test
    void everyCommentIsOurs() {
        // One comment per option at least: no option without an explanation above it.
        String[] lines = DefaultConfiguration.text().split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].matches("  \"[A-Za-z0-9]+\" :.*")) {
                assertThat(lines[i - 1].strip()).as("comment above %s", lines[i]).matches("//.*|\\*\\*/");
            }
        }
    }

    @Test
    void orthancsSampleConfigurationStartsAServer() throws Exception {
        Path sample = specFile("orthanc-default-configuration.json");
        OrthancConfiguration orthanc = ConfigurationLoader.withSystemEnvironment().load(sample);
        Set<String> consulted = readByServer(orthanc);
        for (String option : orthanc.options()) {
            assertThat(consulted.contains(option) || UnsupportedOptions.contains(option))
                    .as("Orthanc's option %s is neither read by Isengard nor listed as unsupported", option).isTrue();
        }
        assertThat(UnsupportedOptions.ignoredIn(orthanc)).extracting(UnsupportedOptions.Option::name)
                .contains("WebDavEnabled", "OrthancExplorerEnabled", "MediaArchiveSize")
                // What Isengard does anyway is not worth a warning.
                .doesNotContain("LuaScripts", "Plugins", "HttpServerEnabled", "HttpCompressionEnabled",
                        "ExecuteLuaEnabled", "DicomModalities", "OrthancPeers");
    }

    @Test
    void docsListEveryOption() throws Exception {
        Path docs = repo().resolve("docs/configuration.md");
        String text = Files.readString(docs);
        Set<String> all = new TreeSet<>(readByServer(writtenDefaults()));
        all.addAll(UnsupportedOptions.all().keySet());
        for (String option : all) {
            assertThat(text).as("docs/configuration.md mentions %s", option).contains("`" + option + "`");
        }
    }

    /** Starts a real server on the configuration (ports and folders moved to the test's) and tells what it read. */
    private Set<String> readByServer(OrthancConfiguration config) throws IOException {
        ObjectNode root = config.root();
        boolean hadStorage = root.has("StorageDirectory");
        root.put("HttpPort", 0);
        root.put("DicomPort", 0);
        root.put("StorageDirectory", dir.resolve("storage").toString());
        if (root.has("IndexDirectory")) {
            root.put("IndexDirectory", dir.resolve("storage").toString());
        }
        try (Server server = Server.start(config)) {
            assertThat(server.httpPort()).isPositive();
        }
        Set<String> consulted = new TreeSet<>(config.consultedOptions());
        assertThat(hadStorage || consulted.contains("StorageDirectory")).isTrue();
        return consulted;
    }

    static Path repo() {
        String repo = System.getProperty("isengard.repo");
        return repo == null ? Path.of("").toAbsolutePath().getParent() : Path.of(repo);
    }

    static Path specFile(String name) {
        Path p = repo().resolve("../shared/spec").resolve(name).normalize();
        assumeTrue(Files.isRegularFile(p), "Orthanc's sample configuration is not at " + p);
        return p;
    }
}
