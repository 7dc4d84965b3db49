package io.isengard.server;

import io.isengard.server.cli.ErrorCodeList;
import io.isengard.server.logging.LogCategory;
import io.isengard.server.logging.LoggingSetup;
import io.isengard.server.config.ConfigurationLoader;
import io.isengard.server.config.CoreSettings;
import io.isengard.server.config.DefaultConfiguration;
import io.isengard.server.config.OrthancConfiguration;
import io.isengard.server.model.OrthancException;
import io.isengard.server.rest.ServerControl;
import io.isengard.server.index.jdbc.PostgresIndexFactory;
import io.isengard.server.warmup.WarmUp;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/** The command line, shaped like Orthanc's executable (config.md §6): {@code isengard [OPTION]... [CONFIGURATION]}. */
@Command(name = "isengard", versionProvider = Main.Version.class, sortOptions = false,
        customSynopsis = "Usage: isengard [OPTION]... [CONFIGURATION]",
        description = {"A lightweight, RESTful DICOM server, compatible with Orthanc.", "",
            "CONFIGURATION is an Orthanc configuration file (JSON, comments allowed) or a folder whose .json files"
                    + " are merged; without it, the defaults are used (HTTP port 8042, files and index in"
                    + " ./OrthancStorage).", "",
            "Options are read left to right: a later logging option overrides an earlier one.", ""},
        footer = {"", "Log categories (--verbose-CATEGORY, --trace-CATEGORY): generic, plugins, http, dicom, sqlite,"
                + " jobs, lua.", "", "Exit status: 0 on success, 255 on error."})
public final class Main implements Callable<Integer> {
    /** The longest warm-up: it usually settles well before (see {@link WarmUp}). */
    private static final java.time.Duration WARM_UP_BUDGET = java.time.Duration.ofSeconds(20);

    /** Exit status of every failure, as Orthanc's -1. */
    public static final int FAILURE = 255;
    /** Options that take a value: Orthanc only knows them as --option=VALUE. */
    private static final Set<String> VALUED = Set.of("--config", "--logdir", "--logfile", "--openapi", "--cheatsheet");

    private final LoggingSetup logging = new LoggingSetup();
    private final PrintStream out;
    private final PrintStream err;
    private final List<String> unsupported = new ArrayList<>();

    @Parameters(arity = "0..*", paramLabel = "CONFIGURATION", description = "Configuration file or folder.")
    List<Path> configurations = new ArrayList<>();

    @Option(names = "--help", usageHelp = true, description = "Display this help and exit.")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "Output version information and exit.")
    boolean version;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Write the commented default configuration to FILE (\"-\" for standard output) and exit.")
    String writeConfiguration;

    @Option(names = "--errors", description = "Print the error codes and exit.")
    boolean errors;

    @Option(names = "--openapi", paramLabel = "FILE", description = "Not supported yet.")
    String openapi;

    @Option(names = "--cheatsheet", paramLabel = "FILE", description = "Not supported yet.")
    String cheatsheet;

    @Option(names = "--upgrade", description = "Allow an upgrade of the database schema.")
    boolean upgrade;

    @Option(names = "--no-jobs", description = "Don't resume the jobs saved in the database.")
    boolean noJobs;

    @Option(names = "--no-warm-up", description = "Start listening at once, without warming up the hot paths"
            + " first (also ISENGARD_WARM_UP=0).")
    boolean noWarmUp;

    @Unmatched
    List<String> unmatched = new ArrayList<>();

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Option(names = "--verbose", description = "Log informational messages.")
    void verbose(boolean on) {
        if (on) {
            logging.verbose();
        }
    }

    @Option(names = "--trace", description = "Log everything (for debugging).")
    void trace(boolean on) {
        if (on) {
            logging.trace();
        }
    }

    @Option(names = "--logdir", paramLabel = "DIR", description = "Write the log to a new file in DIR (must exist).")
    void logDirectory(Path dir) {
        logging.logDirectory(dir);
    }

    @Option(names = "--logfile", paramLabel = "FILE", description = "Write the log to FILE instead of standard error.")
    void logFile(Path file) {
        logging.logFile(file);
    }

    @Option(names = "--logs-no-thread", description = "Don't write thread names in the log.")
    void withoutThreadNames(boolean on) {
        if (on) {
            logging.withoutThreadNames();
        }
    }

    @Override
    public Integer call() throws Exception {
        if (errors) {
            ErrorCodeList.print(out, "isengard " + IsengardVersion.isengard());
            return 0;
        }
        if (writeConfiguration != null) {
            return writeDefaultConfiguration(writeConfiguration);
        }
        if (openapi != null || cheatsheet != null) {
            err.println("isengard: " + (openapi != null ? "--openapi" : "--cheatsheet") + " is not supported yet");
            return FAILURE;
        }
        if (configurations.size() > 1) {
            err.println("isengard: More than one configuration path were provided on the command line, aborting");
            return FAILURE;
        }
        try {
            logging.apply();
        } catch (LoggingSetup.LoggingException e) {
            err.println("isengard: " + e.getMessage());
            return FAILURE;
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        for (String option : unsupported) {
            log.warn("Option unsupported by the core of Isengard: {}", option);
        }
        // /tools/reset re-reads the configuration and restarts in-process; /tools/shutdown stops.
        Path path = configurations.isEmpty() ? null : configurations.get(0);
        LaunchOptions launch = new LaunchOptions(noJobs, upgrade);
        boolean warmUp = !noWarmUp && !"0".equals(System.getenv("ISENGARD_WARM_UP"));
        while (true) {
            Lifecycle lifecycle = new Lifecycle();
            Server server;
            try {
                OrthancConfiguration config = ConfigurationLoader.withSystemEnvironment().load(path);
                if (warmUp) {
                    // Once per process: after /tools/reset the compiled code is still there.
                    CoreSettings core = CoreSettings.of(config);
                    new WarmUp(core.storageDirectory(), WARM_UP_BUDGET)
                            .withLua(!config.getStringList("LuaScripts").isEmpty())
                            .withStorageOptions(core.syncStorageArea(), core.storageCompression())
                            .withPostgreSql(PostgresIndexFactory.enabled(config) ? config.get("PostgreSQL") : null)
                            .run();
                    warmUp = false;
                }
                server = Server.start(config, lifecycle, launch);
            } catch (OrthancException e) {
                log.error("{}", e.getMessage());
                if (logging.appliedFile() != null) {
                    err.println("isengard: " + e.getMessage());
                }
                return FAILURE;
            }
            Thread hook = new Thread(() -> {
                server.close();
                lifecycle.shutdown();
            }, "shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            out.println("Isengard is listening on " + (server.httpsEnabled() ? "https" : "http")
                    + "://localhost:" + server.httpPort() + "/");
            out.flush();
            boolean restart = lifecycle.await();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException jvmStopping) {
                return 0; // the hook closes the server
            }
            server.close();
            if (!restart) {
                return 0;
            }
        }
    }

    private int writeDefaultConfiguration(String target) {
        String text = DefaultConfiguration.text();
        if (target.equals("-")) {
            out.print(text);
            out.flush();
            return 0;
        }
        try {
            Files.writeString(Path.of(target), text, StandardCharsets.UTF_8);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("isengard: cannot write the configuration to " + target + ": " + e);
            return FAILURE;
        }
    }

    /** Parses and runs a command line; returns the exit status (blocks while the server runs). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Main main = new Main(out, err);
        return main.commandLine().execute(main.filter(args));
    }

    /** The arguments for picocli: "--config FILE" would overwrite FILE, so like Orthanc only "--config=FILE" counts. */
    String[] filter(String[] args) {
        List<String> kept = new ArrayList<>();
        for (String a : args) {
            if (VALUED.contains(a)) {
                unsupported.add(a);
            } else {
                kept.add(a);
            }
        }
        return kept.toArray(String[]::new);
    }

    LoggingSetup logging() {
        return logging;
    }

    CommandLine commandLine() {
        Main main = this;
        CommandLine cl = new CommandLine(main);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        for (LogCategory c : LogCategory.values()) {
            cl.getCommandSpec().addOption(categoryOption("--verbose-" + c.name(),
                    "Log informational messages of category \"" + c.name() + "\".", () -> main.logging.verbose(c)));
            cl.getCommandSpec().addOption(categoryOption("--trace-" + c.name(),
                    "Log everything of category \"" + c.name() + "\".", () -> main.logging.trace(c)));
        }
        cl.setParameterExceptionHandler((e, a) -> {
            err.println("isengard: " + e.getMessage());
            return FAILURE;
        });
        cl.setExecutionExceptionHandler((e, c, r) -> {
            err.println("isengard: " + e);
            return FAILURE;
        });
        cl.setExecutionStrategy(parsed -> {
            // Unknown options are only worth a warning (Orthanc does the same), once logging is set up.
            for (String u : main.unmatched) {
                if (u.startsWith("-")) {
                    main.unsupported.add(u);
                } else {
                    main.configurations.add(Path.of(u));
                }
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        return cl;
    }

    private static OptionSpec categoryOption(String name, String description, Runnable action) {
        return OptionSpec.builder(name).arity("0").type(boolean.class).description(description)
                .setter(new CommandLine.Model.ISetter() {
                    @Override
                    public <T> T set(T value) {
                        if (Boolean.TRUE.equals(value)) {
                            action.run();
                        }
                        return null;
                    }
                }).build();
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Waits for /tools/shutdown or /tools/reset (or the JVM's shutdown). */
    static final class Lifecycle implements ServerControl {
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
