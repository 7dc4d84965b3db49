package io.isengard.server.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import io.isengard.server.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LoggingSetupTest {
    @TempDir
    Path dir;

    @AfterEach
    void restore() throws Exception {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        new ContextInitializer(ctx).autoConfig();
    }

    private static String runAndRead(LoggingSetup setup, Path file, String threadName) throws Exception {
        setup.apply();
        Thread t = new Thread(() -> {
            LoggerFactory.getLogger("io.isengard.server.rest.Test").info("http info");
            LoggerFactory.getLogger("io.isengard.server.index.Test").info("index info");
            LoggerFactory.getLogger("io.isengard.server.index.Test").warn("index warning");
            LoggerFactory.getLogger("org.eclipse.jetty.Test").debug("jetty debug");
            LoggerFactory.getLogger("org.eclipse.jetty.Test").info("jetty info");
        }, threadName);
        t.start();
        t.join();
        return Files.readString(file);
    }

    @Test
    void categoryLevelsAndThreadNames() throws Exception {
        Path file = dir.resolve("a.log");
        LoggingSetup s = new LoggingSetup();
        s.trace(LogCategory.http);
        s.logFile(file);
        String log = runAndRead(s, file, "worker-7");
        assertThat(log).contains("http info", "index warning", "jetty info", "[worker-7]")
                .doesNotContain("index info")
                // Libraries never go below INFO.
                .doesNotContain("jetty debug");
        Logger rest = LoggerFactory.getLogger("io.isengard.server.rest.X");
        assertThat(rest.isTraceEnabled()).isTrue();
    }

    @Test
    void withoutThreadNames() throws Exception {
        Path file = dir.resolve("b.log");
        LoggingSetup s = new LoggingSetup();
        s.verbose();
        s.withoutThreadNames();
        s.logFile(file);
        String log = runAndRead(s, file, "worker-8");
        assertThat(log).contains("http info", "index info").doesNotContain("worker-8");
    }

    @Test
    void logDirectoryGetsATimestampedFile() throws Exception {
        LoggingSetup s = new LoggingSetup();
        s.logDirectory(dir);
        Path file = s.destination();
        assertThat(file.getParent()).isEqualTo(dir);
        assertThat(file.getFileName().toString()).matches("isengard-\\d{8}-\\d{6}\\.log");
        s.apply();
        LoggerFactory.getLogger("io.isengard.Test").warn("to the directory");
        try (var files = Files.list(dir)) {
            List<Path> l = files.toList();
            assertThat(l).hasSize(1);
            assertThat(Files.readString(l.get(0))).contains("to the directory");
        }
    }

    @Test
    void laterDestinationWins() {
        LoggingSetup s = new LoggingSetup();
        s.logDirectory(dir.resolve("missing"));
        s.logFile(dir.resolve("x.log"));
        assertThat(s.destination()).isEqualTo(dir.resolve("x.log"));
        s.logDirectory(dir.resolve("missing"));
        assertThatThrownBy(s::destination).isInstanceOf(LoggingSetup.LoggingException.class)
                .hasMessageContaining("is inexistent");
    }

    @Test
    void restRoutesChangeTheSameLevels() throws Exception {
        try (TestServer server = TestServer.start("")) {
            put(server, "/tools/log-level", "verbose");
            assertThat(server.get("/tools/log-level").body()).isEqualTo("verbose");
            for (LogCategory c : LogCategory.values()) {
                assertThat(LoggingSetup.currentLevel(c)).isEqualTo(Level.INFO);
            }
            put(server, "/tools/log-level-http", "trace");
            assertThat(server.get("/tools/log-level-http").body()).isEqualTo("trace");
            assertThat(server.get("/tools/log-level-sqlite").body()).isEqualTo("verbose");
            assertThat(LoggerFactory.getLogger("io.isengard.server.rest.X").isTraceEnabled()).isTrue();
            assertThat(LoggerFactory.getLogger("org.eclipse.jetty.X").isDebugEnabled()).isFalse();
            // The global level resets every category, as Orthanc's does.
            put(server, "/tools/log-level", "default");
            assertThat(server.get("/tools/log-level-http").body()).isEqualTo("default");
        }
    }

    private static void put(TestServer server, String path, String body) throws Exception {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void defaultsToWarnings() {
        LoggingSetup s = new LoggingSetup();
        for (LogCategory c : LogCategory.values()) {
            assertThat(s.level(c)).isEqualTo(Level.WARN);
        }
        assertThat(LogCategory.lookup("dicom")).isEqualTo(LogCategory.dicom);
        assertThat(LogCategory.lookup("DICOM")).isNull();
    }
}
