package io.isengard.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import io.isengard.server.logging.LogCategory;
import io.isengard.server.config.ConfigurationLoader;
import io.isengard.server.config.CoreSettings;
import io.isengard.server.config.OrthancConfiguration;
import io.isengard.server.model.ErrorCode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The command line (config.md §6), in-process for what exits at once, as a real process for a real start. */
class MainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @AfterEach
    void restoreLogging() throws Exception {
        // Main may have reconfigured Logback; give the other tests logback.xml back.
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        new ContextInitializer(ctx).autoConfig();
    }

    @Test
    void version() {
        assertThat(run("--version")).isZero();
        assertThat(out()).startsWith("Isengard " + IsengardVersion.isengard() + System.lineSeparator())
                .contains("compatible with Orthanc " + IsengardVersion.ORTHANC_VERSION);
    }

    @Test
    void help() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("Usage: isengard [OPTION]... [CONFIGURATION]", "--config=FILE", "--logdir=DIR",
                "--verbose-http", "--trace-lua", "--logs-no-thread", "--no-jobs", "--upgrade", "--errors");
    }

    @Test
    void errors() {
        assertThat(run("--errors")).isZero();
        assertThat(out()).contains("              -1   Internal error" + System.lineSeparator())
                .contains("              44   A main DICOM Tag has been defined multiple times for the same resource"
                        + " level")
                .contains("            1011   SQLite: Bing a value while out of range (serious error)")
                .contains("            3000   Unsupported media type");
        long lines = out().lines().filter(l -> l.matches(" {2,}-?\\d+   .+")).count();
        assertThat(lines).isEqualTo(ErrorCode.values().length);
    }

    @Test
    void configToStandardOutputParses() throws IOException {
        assertThat(run("--config=-")).isZero();
        Path file = dir.resolve("written.json");
        Files.writeString(file, out());
        OrthancConfiguration c = ConfigurationLoader.withSystemEnvironment().load(file);
        assertThat(c.getInt("HttpPort", 0)).isEqualTo(8042);
        assertThat(out()).contains("// ");
    }

    @Test
    void configToFile() throws IOException {
        Path file = dir.resolve("isengard.json");
        assertThat(run("--config=" + file)).isZero();
        OrthancConfiguration c = ConfigurationLoader.withSystemEnvironment().load(file);
        assertThat(CoreSettings.of(c).storageDirectory()).isEqualTo(dir.toAbsolutePath().resolve("OrthancStorage"));
    }

    @Test
    void configToUnwritableFileFails() {
        assertThat(run("--config=" + dir.resolve("missing/isengard.json"))).isEqualTo(255);
        assertThat(err()).contains("cannot write the configuration");
    }

    @Test
    void configWithoutEqualsIsNotTheOption() throws IOException {
        // Orthanc only knows --config=FILE: "--config FILE" must not overwrite FILE, which is a configuration.
        Path file = dir.resolve("mine.json");
        Path log = dir.resolve("isengard.log");
        assertThat(run("--logfile=" + log, "--config", file.toString())).isEqualTo(255);
        assertThat(Files.exists(file)).isFalse();
        assertThat(Files.readString(log)).contains("Option unsupported by the core of Isengard: --config",
                "Inexistent path to configuration");
    }

    @Test
    void secondConfigurationIsAnError() {
        assertThat(run(dir.resolve("a.json").toString(), dir.resolve("b.json").toString())).isEqualTo(255);
        assertThat(err()).contains("More than one configuration path");
    }

    @Test
    void missingLogDirectoryIsAnError() {
        assertThat(run("--logdir=" + dir.resolve("nonexistent"))).isEqualTo(255);
        assertThat(err()).contains("The directory where to store the log files", "is inexistent");
    }

    @Test
    void unwritableLogFileIsAnError() {
        assertThat(run("--logfile=" + dir.resolve("nonexistent/isengard.log"))).isEqualTo(255);
        assertThat(err()).contains("Cannot write the log file");
    }

    @Test
    void openApiAndCheatSheetAreNotSupported() {
        assertThat(run("--openapi=-")).isEqualTo(255);
        assertThat(run("--cheatsheet=" + dir.resolve("x.csv"))).isEqualTo(255);
        assertThat(err()).contains("--openapi is not supported yet", "--cheatsheet is not supported yet");
    }

    @Test
    void badConfigurationIsAnError() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{ \"StableAge\" : \"60\" }");
        Path log = dir.resolve("isengard.log");
        assertThat(run("--logfile=" + log, file.toString())).isEqualTo(255);
        // In the log, and on the console too since the log is in a file.
        assertThat(Files.readString(log)).contains("The configuration option \"StableAge\" must be an integer");
        assertThat(err()).contains("The configuration option \"StableAge\" must be an integer");
    }

    @Test
    void loggingOptionsApplyLeftToRight() {
        Main m = new Main(System.out, System.err);
        m.commandLine().parseArgs(m.filter(new String[] {"--trace-http", "--verbose", "--trace-dicom"}));
        assertThat(m.logging().level(LogCategory.http)).isEqualTo(Level.INFO);
        assertThat(m.logging().level(LogCategory.dicom)).isEqualTo(Level.TRACE);
        assertThat(m.logging().level(LogCategory.sqlite)).isEqualTo(Level.INFO);

        m = new Main(System.out, System.err);
        m.commandLine().parseArgs(m.filter(new String[] {"--verbose", "--trace-http", "--verbose-lua"}));
        assertThat(m.logging().level(LogCategory.http)).isEqualTo(Level.TRACE);
        assertThat(m.logging().level(LogCategory.lua)).isEqualTo(Level.INFO);
        assertThat(m.logging().level(LogCategory.generic)).isEqualTo(Level.INFO);

        m = new Main(System.out, System.err);
        m.commandLine().parseArgs(m.filter(new String[] {"--verbose-sqlite"}));
        assertThat(m.logging().level(LogCategory.sqlite)).isEqualTo(Level.INFO);
        assertThat(m.logging().level(LogCategory.generic)).isEqualTo(Level.WARN);
    }

    @Test
    void startsWithUnknownOptionsAndReportsThem() throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {
                  "HttpPort" : 0,
                  "DicomPort" : 0,
                  "StorageDirectory" : "storage",
                  "Name" : "${ISENGARD_TEST_UNDEFINED:-FromDefault}",
                  "UserMetadata" : { "report" : 1099 },
                  "WebDavEnabled" : true
                }
                """);
        Path log = dir.resolve("isengard.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classPath(), Main.class.getName()));
        command.addAll(List.of("--unknown-option", "--verbose-nonexistent", "--no-jobs", "--upgrade", "--no-warm-up",
                "--logs-no-thread", "--logfile=" + log, config.toString()));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            int port = -1;
            StringBuilder seen = new StringBuilder();
            Pattern listening = Pattern.compile("Isengard is listening on http://localhost:(\\d+)/");
            while ((line = reader.readLine()) != null) {
                seen.append(line).append('\n');
                Matcher m = listening.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                    break;
                }
            }
            assertThat(port).as("output of the server:\n%s", seen).isPositive();
            HttpResponse<String> system = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/system")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(system.body()).contains("\"Name\" : \"FromDefault\"", "\"report\" : 1099");
            assertThat(Files.isDirectory(dir.resolve("storage"))).isTrue();
            String logged = Files.readString(log);
            assertThat(logged).contains("Option unsupported by the core of Isengard: --unknown-option",
                    "Option unsupported by the core of Isengard: --verbose-nonexistent",
                    "Configuration option \"WebDavEnabled\" is not supported by Isengard yet, ignored")
                    .doesNotContain("[main]");
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** The test class path, which holds the server's classes and dependencies. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
