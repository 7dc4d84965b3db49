package io.isengard.server;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The command line, shaped like Orthanc's executable: {@code isengard [CONFIG]}.
 * The server itself arrives with the "Server core I" issue; until then the
 * command line answers {@code --version} and {@code --help} only.
 */
@Command(name = "isengard", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A lightweight, RESTful DICOM server, compatible with Orthanc.")
public final class Main implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "CONFIG",
            description = "Orthanc configuration file (JSON) or folder of them.")
    String configuration;

    @Override
    public Integer call() {
        System.err.println("isengard: the DICOM server is not built yet (it arrives with the"
                + " 'Server core I' issue); only --version and --help work for now.");
        return 2;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
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
