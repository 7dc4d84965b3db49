package io.isengard.server.warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The training run of the JVM's ahead-of-time cache (JDK 25+,
 * {@code -XX:AOTCacheOutput}): {@code bin/isengard} runs it once per build
 * of the jar. It runs the warm-up traffic in a scratch folder and exits; the
 * JVM then writes the classes it loaded and linked and the method profiles
 * it gathered, so later starts load faster and compile hot code sooner.
 */
public final class AotTraining {
    private AotTraining() {}

    /** {@code args[0]}: a folder for the scratch server (made if missing, emptied afterwards). */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : Files.createTempDirectory("isengard-aot").toString());
        WarmUp.Result r = new WarmUp(dir, Duration.ofSeconds(10)).withLua(true).run();
        if (r.failures() > 0 || r.rounds() == 0) {
            System.err.println("isengard: the AOT training run failed: " + r);
            System.exit(1);
        }
    }
}
