package io.isengard.server;

/**
 * What the command line says about this start, beside the configuration.
 *
 * @param noJobs {@code --no-jobs}: don't resume the jobs saved in the database
 * @param upgrade {@code --upgrade}: allow an upgrade of the database schema
 */
public record LaunchOptions(boolean noJobs, boolean upgrade) {
    public static final LaunchOptions DEFAULT = new LaunchOptions(false, false);
}
