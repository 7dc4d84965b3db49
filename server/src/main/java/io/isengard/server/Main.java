package io.isengard.server;

import ch.qos.logback.classic.Level;
import io.isengard.server.config.ConfigurationLoader;
import io.isengard.server.config.OrthancConfiguration;
import io.isengard.server.model.OrthancException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The command line, shaped like Orthanc's executable (config.md §6): {@code isengard [CONFIG]}. */
@Command(name = "isengard", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A lightweight, RESTful DICOM server, compatible with Orthanc.")
public final class Main implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "CONFIG",
            description = "Orthanc configuration file (JSON) or folder of them; embedded defaults if absent.")
    Path configuration;

    @Option(names = "--verbose", description = "Log informational messages.")
    boolean verbose;

    @Option(names = "--trace", description = "Log everything.")
    boolean trace;

    @Override
    public Integer call() throws Exception {
        ch.qos.logback.classic.Logger root =
                (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(trace ? Level.TRACE : verbose ? Level.INFO : Level.WARN);
        // /tools/reset re-reads the configuration and restarts in-process; /tools/shutdown stops.
        while (true) {
            Lifecycle lifecycle = new Lifecycle();
            Server server;
            try {
                OrthancConfiguration config = ConfigurationLoader.withSystemEnvironment().load(configuration);
                server = Server.start(config, lifecycle);
            } catch (OrthancException e) {
                System.err.println("isengard: " + e.getMessage());
                return 255;
            }
            Thread hook = new Thread(() -> {
                server.close();
                lifecycle.shutdown();
            }, "shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            System.out.println("Isengard is listening on " + (server.httpsEnabled() ? "https" : "http")
                    + "://localhost:" + server.httpPort() + "/");
            boolean restart = lifecycle.await();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException jvmStopping) {
                return 0; // the hook closes the server
            }
            server.close();
            if (!restart) {
                break;
            }
        }
        return 0;
    }

    public static void main(String[] args) {
        int code = new CommandLine(new Main()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Waits for /tools/shutdown or /tools/reset (or the JVM's shutdown). */
    static final class Lifecycle implements io.isengard.server.rest.ServerControl {
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile boolean restart;

        @Override
        public void shutdown() {
            done.countDown();
        }

        @Override
        public void restart() {
            restart = true;
            done.countDown();
        }

        boolean await() throws InterruptedException {
            done.await();
            return restart;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "Isengard " + IsengardVersion.isengard(),
                "compatible with Orthanc " + IsengardVersion.ORTHANC_VERSION
                        + " (REST API level " + IsengardVersion.ORTHANC_API_VERSION + ")",
                "Java " + Runtime.version()
            };
        }
    }
}
