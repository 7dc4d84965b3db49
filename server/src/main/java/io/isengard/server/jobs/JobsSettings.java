package io.isengard.server.jobs;

import io.isengard.server.config.OrthancConfiguration;

/**
 * The options of the jobs engine (config.md §2).
 *
 * @param concurrentJobs workers ("ConcurrentJobs", 0 in the file means the number of cores)
 * @param historySize completed jobs kept ("JobsHistorySize")
 * @param saveJobs whether the registry is saved in the index ("SaveJobs")
 */
public record JobsSettings(int concurrentJobs, int historySize, boolean saveJobs) {
    public static JobsSettings of(OrthancConfiguration c) {
        int concurrent = c.getUnsignedInt("ConcurrentJobs", 2);
        return new JobsSettings(concurrent == 0 ? Runtime.getRuntime().availableProcessors() : concurrent,
                c.getUnsignedInt("JobsHistorySize", 10), c.getBoolean("SaveJobs", true));
    }
}
