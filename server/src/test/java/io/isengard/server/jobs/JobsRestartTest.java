package io.isengard.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SaveJobs (jobs.md §1.2): a server closed in the middle of a job, started
 * again on the same storage and index, resumes the job where it stopped and
 * completes it; completed and paused jobs come back as they were;
 * {@code --no-jobs} and {@code "SaveJobs": false} start without them. On
 * SQLite here, on PostgreSQL in {@link Postgres}.
 */
class JobsRestartTest {
    private static final int STEPS = 40;
    private Path dir;

    @BeforeEach
    void folder() throws Exception {
        dir = Files.createTempDirectory("isengard-jobs-restart");
    }

    @AfterEach
    void clean() throws Exception {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Configuration members of the index under test (none: SQLite in the storage folder). */
    String indexConfig() throws Exception {
        return "";
    }

    private JobsTestServer start(String extra, boolean noJobs) throws Exception {
        String index = indexConfig();
        String config = "\"ConcurrentJobs\": 1" + (index.isEmpty() ? "" : ", " + index)
                + (extra.isEmpty() ? "" : ", " + extra);
        return JobsTestServer.start(dir, config, noJobs);
    }

    @Test
    void aJobInterruptedByAShutdownResumesWhereItStoppedAfterTheRestart() throws Exception {
        String running;
        String done;
        String paused;
        String doneCompletion;
        try (JobsTestServer first = start("", false)) {
            done = first.jobs().submitAndWait(StepsJob.failing("failed-before", 2, 1), 3, null).id();
            doneCompletion = first.getJson("/jobs/" + done).get("CompletionTime").asText();
            paused = first.jobs().submit(StepsJob.sleeping("paused-before", 3, 0), -1, null);
            first.jobs().pause(paused); // pending behind nothing: possibly running; both end Paused or Success
            running = first.jobs().submit(StepsJob.sleeping("long", STEPS, 25), 5, null);
            JobsEngineTest.await(first.jobs(), running, i -> i.state() == JobState.Running && i.progress() >= 0.1);
        } // closed mid-job: the step that runs ends, then the registry is saved
        JsonNode pausedBefore;
        try (JobsTestServer second = start("", false)) {
            assertThat(second.jobs().ids()).contains(running, done, paused);
            JsonNode failed = second.getJson("/jobs/" + done);
            assertThat(failed.get("State").asText()).isEqualTo("Failure");
            assertThat(failed.get("ErrorCode").asInt()).isEqualTo(9);
            assertThat(failed.get("ErrorDetails").asText()).isEqualTo("step 1 of failed-before failed");
            assertThat(failed.get("CompletionTime").asText()).isEqualTo(doneCompletion);
            assertThat(failed.get("Priority").asInt()).isEqualTo(3);
            pausedBefore = second.getJson("/jobs/" + paused);

            JobInfo resumed = JobsEngineTest.await(second.jobs(), running, i -> i.state().isCompleted());
            assertThat(resumed.state()).isEqualTo(JobState.Success);
            assertThat(resumed.priority()).isEqualTo(5);
            int here = resumed.content().get("ExecutedInThisProcess").asInt();
            // Resumed from the saved position: the steps done before the restart did not run again.
            assertThat(here).isPositive().isLessThan(STEPS);
            assertThat(resumed.runtimeMillis()).isPositive();
        }
        // The paused job stays paused (unless it had completed before the pause took effect).
        assertThat(pausedBefore.get("State").asText()).isIn("Paused", "Success");

        // Resubmitting the failed job after the restart works on the reloaded job.
        try (JobsTestServer third = start("", false)) {
            assertThat(third.jobs().resubmit(done)).isTrue();
            assertThat(JobsEngineTest.await(third.jobs(), done, i -> i.state().isCompleted()).errorDetails())
                    .isEqualTo("step 1 of failed-before failed");
        }
    }

    @Test
    void noJobsStartsWithoutTheSavedJobsAndSaveJobsFalseSavesNothing() throws Exception {
        String id;
        try (JobsTestServer first = start("", false)) {
            id = first.jobs().submitAndWait(StepsJob.sleeping("saved", 1, 0), 0, null).id();
        }
        try (JobsTestServer noJobs = start("", true)) {
            assertThat(noJobs.jobs().ids()).isEmpty();
        }
        try (JobsTestServer again = start("", false)) {
            assertThat(again.jobs().ids()).containsExactly(id);
        }
        // SaveJobs false: a new job is not saved, so after a restart only the job saved before is there.
        try (JobsTestServer unsaved = start("\"SaveJobs\": false", false)) {
            assertThat(unsaved.jobs().ids()).containsExactly(id); // reloaded: SaveJobs only governs saving
            unsaved.jobs().submitAndWait(StepsJob.sleeping("not-saved", 1, 0), 0, null);
        }
        try (JobsTestServer last = start("", false)) {
            assertThat(last.jobs().ids()).containsExactly(id);
        }
    }

    @Test
    void theHistoryReloadedIsTrimmedToJobsHistorySize() throws Exception {
        java.util.List<String> ids = new java.util.ArrayList<>();
        try (JobsTestServer first = start("", false)) {
            for (int i = 0; i < 4; i++) {
                ids.add(first.jobs().submitAndWait(StepsJob.sleeping("h" + i, 1, 0), 0, null).id());
            }
        }
        try (JobsTestServer smaller = start("\"JobsHistorySize\": 2", false)) {
            assertThat(smaller.jobs().ids()).containsExactlyInAnyOrder(ids.get(2), ids.get(3));
        }
    }
}
