package io.isengard.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.server.model.ErrorCode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine alone (no saving): priorities, workers, history, and the actions between steps. */
class JobsEngineTest {
    private JobsEngine engine;

    private JobsEngine start(int workers, int history) {
        engine = new JobsEngine(new JobsSettings(workers, history, false), new JobTypes(), null, false, Clock.systemUTC());
        engine.start(true);
        return engine;
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    /** Waits (without a time assertion: JUnit's own timeout is the safety net) until the job matches. */
    static JobInfo await(JobsEngine e, String id, Predicate<JobInfo> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            JobInfo i = e.info(id);
            if (i != null && condition.test(i)) {
                return i;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + id + " never got there; last seen: " + i);
            }
            Thread.sleep(5);
        }
    }

    static Predicate<JobInfo> in(JobState state) {
        return i -> i.state() == state;
    }

    @Test
    void theWorkerPicksTheHighestPriorityFirstThenTheOldest() throws Exception {
        start(1, 10);
        StepsJob.STARTED.clear();
        String blocker = engine.submit(StepsJob.gated("blocker", 1), 0, null);
        await(engine, blocker, in(JobState.Running));
        List<String> ids = new ArrayList<>();
        ids.add(engine.submit(StepsJob.sleeping("low", 1, 0), -5, null));
        ids.add(engine.submit(StepsJob.sleeping("first-zero", 1, 0), 0, null));
        ids.add(engine.submit(StepsJob.sleeping("high", 1, 0), 10, null));
        ids.add(engine.submit(StepsJob.sleeping("second-zero", 1, 0), 0, null));
        for (String id : ids) {
            assertThat(engine.info(id).state()).isEqualTo(JobState.Pending);
        }
        StepsJob.open("blocker", 1);
        for (String id : ids) {
            await(engine, id, in(JobState.Success));
        }
        assertThat(StepsJob.STARTED).containsExactly("blocker", "high", "first-zero", "second-zero", "low");
    }

    @Test
    void concurrentJobsWorkersRunThatManyJobsAtOnce() throws Exception {
        start(3, 10);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(engine.submit(StepsJob.gated("concurrent-" + i, 1), 0, null));
        }
        for (int i = 0; i < 3; i++) {
            await(engine, ids.get(i), in(JobState.Running));
        }
        // Every worker waits in a step: the fourth job cannot have started.
        assertThat(engine.info(ids.get(3)).state()).isEqualTo(JobState.Pending);
        StepsJob.open("concurrent-0", 1);
        await(engine, ids.get(3), in(JobState.Running));
        for (int i = 1; i < 4; i++) {
            StepsJob.open("concurrent-" + i, 1);
        }
        for (String id : ids) {
            await(engine, id, in(JobState.Success));
        }
    }

    @Test
    void theHistoryKeepsTheLastCompletedJobsOnly() throws Exception {
        start(2, 2);
        String paused = engine.submit(StepsJob.gated("kept-paused", 2), 0, null);
        await(engine, paused, in(JobState.Running));
        engine.pause(paused);
        StepsJob.open("kept-paused", 1);
        await(engine, paused, in(JobState.Paused));
        List<String> done = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            done.add(engine.submitAndWait(StepsJob.sleeping("h" + i, 1, 0), 0, null).id());
        }
        // The two oldest completed jobs are forgotten; a paused job is never evicted.
        assertThat(engine.ids()).containsExactlyInAnyOrder(paused, done.get(2), done.get(3));
        assertThat(engine.info(done.get(0))).isNull();
    }

    @Test
    void withoutHistoryASynchronousSubmissionCannotTellTheOutcome() {
        start(1, 0);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> engine.submitAndWait(StepsJob.sleeping("no-history", 1, 0), 0, null))
                .isInstanceOf(io.isengard.server.model.OrthancException.class)
                .satisfies(e -> assertThat(((io.isengard.server.model.OrthancException) e).error())
                        .isEqualTo(ErrorCode.InexistentItem))
                .hasMessageContaining("JobsHistorySize");
    }

    @Test
    void pauseOfARunningJobWaitsForTheEndOfTheStepAndResumeContinuesFromThere() throws Exception {
        start(1, 10);
        String id = engine.submit(StepsJob.gated("pausing", 4), 0, null);
        await(engine, id, in(JobState.Running));
        assertThat(engine.pause(id)).isTrue();
        assertThat(engine.info(id).state()).isEqualTo(JobState.Running); // scheduled only
        StepsJob.open("pausing", 1);
        JobInfo paused = await(engine, id, in(JobState.Paused));
        assertThat(paused.progressPercent()).isEqualTo(25);
        assertThat(paused.content().get("ExecutedInThisProcess").asInt()).isEqualTo(1);
        assertThat(engine.resume(id)).isTrue();
        StepsJob.open("pausing", 3);
        JobInfo done = await(engine, id, in(JobState.Success));
        assertThat(done.progressPercent()).isEqualTo(100);
        // No step ran twice: the job went on from its cursor.
        assertThat(done.content().get("ExecutedInThisProcess").asInt()).isEqualTo(4);
        assertThat(done.errorCode()).isEqualTo(ErrorCode.Success);
    }

    @Test
    void cancelOfARunningJobFailsItWithCode37AfterTheStep() throws Exception {
        start(1, 10);
        String id = engine.submit(StepsJob.gated("cancelling", 3), 0, null);
        await(engine, id, in(JobState.Running));
        engine.cancel(id);
        assertThat(engine.info(id).state()).isEqualTo(JobState.Running);
        StepsJob.open("cancelling", 1);
        JobInfo failed = await(engine, id, in(JobState.Failure));
        assertThat(failed.errorCode()).isEqualTo(ErrorCode.CanceledJob);
        assertThat(failed.errorDetails()).isEmpty();
        assertThat(failed.progressPercent()).isEqualTo(33);
    }

    @Test
    void aStepThatFailsWinsOverAScheduledPause() throws Exception {
        start(1, 10);
        StepsJob.GATES.put("fails-while-pausing", new java.util.concurrent.Semaphore(0));
        String id = engine.submit(new StepsJob("fails-while-pausing", 2, 0, 0, "fails-while-pausing", false), 0,
                null);
        await(engine, id, in(JobState.Running));
        engine.pause(id);
        StepsJob.open("fails-while-pausing", 1);
        JobInfo failed = await(engine, id, in(JobState.Failure));
        assertThat(failed.errorCode()).isEqualTo(ErrorCode.NetworkProtocol);
        assertThat(failed.errorDetails()).isEqualTo("step 0 of fails-while-pausing failed");
    }

    @Test
    void permissiveJobsSkipFailingCommands() throws Exception {
        start(1, 10);
        JobInfo done = engine.submitAndWait(new StepsJob("permissive", 3, 0, 1, null, true), 0, null);
        assertThat(done.state()).isEqualTo(JobState.Success);
        assertThat(done.content().get("ExecutedInThisProcess").asInt()).isEqualTo(2);
    }

    @Test
    void resubmitStartsAFailedJobOverWithItsRuntimeCleared() throws Exception {
        start(1, 10);
        JobInfo failed = engine.submitAndWait(StepsJob.failing("resubmitted", 3, 2), 0, null);
        assertThat(failed.state()).isEqualTo(JobState.Failure);
        assertThat(failed.progressPercent()).isEqualTo(67);
        assertThat(engine.resume(failed.id())).isFalse();
        assertThat(engine.resubmit(failed.id())).isTrue();
        // It fails at the same command again, having run the first two once more.
        JobInfo again = await(engine, failed.id(), in(JobState.Failure));
        assertThat(again.content().get("ExecutedInThisProcess").asInt()).isEqualTo(4);
        assertThat(engine.resubmit(engine.submitAndWait(StepsJob.sleeping("ok", 1, 0), 0, null).id())).isFalse();
    }

    @Test
    void aJobInRetryCanBePausedResumedAndCancelled() throws Exception {
        start(1, 10);
        String id = engine.submit(new StepsJob.RetryLater(), 0, null);
        await(engine, id, in(JobState.Retry));
        assertThat(engine.resume(id)).isFalse();
        assertThat(engine.pause(id)).isTrue();
        assertThat(engine.info(id).state()).isEqualTo(JobState.Paused);
        assertThat(engine.resume(id)).isTrue();
        // Resumed, it runs its second step at once (not after the retry delay).
        await(engine, id, in(JobState.Success));
        String other = engine.submit(new StepsJob.RetryLater(), 0, null);
        await(engine, other, in(JobState.Retry));
        engine.cancel(other);
        assertThat(engine.info(other).state()).isEqualTo(JobState.Failure);
        assertThat(engine.info(other).errorCode()).isEqualTo(ErrorCode.CanceledJob);
    }

    @Test
    void listenersHearSubmissionSuccessAndFailure() throws Exception {
        start(1, 10);
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        engine.addListener(new JobsListener() {
            @Override
            public void onSubmitted(String id) {
                events.add("submitted " + id);
            }

            @Override
            public void onSuccess(String id) {
                events.add("success " + id);
            }

            @Override
            public void onFailure(String id) {
                events.add("failure " + id);
            }
        });
        String ok = engine.submitAndWait(StepsJob.sleeping("heard-ok", 1, 0), 0, null).id();
        String ko = engine.submitAndWait(StepsJob.failing("heard-ko", 1, 0), 0, null).id();
        String cancelled = engine.submit(new StepsJob.RetryLater(), 0, null);
        await(engine, cancelled, in(JobState.Retry));
        engine.cancel(cancelled);
        // Events come after the fact, from the worker: wait for the last one.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (events.size() < 6 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(events).containsExactlyInAnyOrder("submitted " + ok, "success " + ok, "submitted " + ko,
                "failure " + ko, "submitted " + cancelled, "failure " + cancelled);
    }

    @Test
    void actionsFromManyThreadsLeaveEveryJobConsistent() throws Exception {
        start(4, 1000);
        List<String> ids = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(engine.submit(StepsJob.sleeping("stress-" + i, 5, 1), i % 3, null));
        }
        List<Thread> users = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int seed = t;
            users.add(Thread.ofVirtual().start(() -> {
                java.util.Random random = new java.util.Random(seed);
                for (int k = 0; k < 300; k++) {
                    String id = ids.get(random.nextInt(ids.size()));
                    switch (random.nextInt(5)) {
                        case 0 -> engine.pause(id);
                        case 1 -> engine.resume(id);
                        case 2 -> engine.resubmit(id);
                        case 3 -> engine.info(id);
                        default -> engine.infos();
                    }
                }
            }));
        }
        for (Thread t : users) {
            t.join();
        }
        // Everything paused goes on (a pause scheduled on a running job may still land: resume again).
        for (String id : ids) {
            JobInfo done = await(engine, id, i -> i.state().isCompleted() || i.state() == JobState.Paused);
            while (done.state() == JobState.Paused) {
                engine.resume(id);
                done = await(engine, id, i -> i.state().isCompleted() || i.state() == JobState.Paused);
            }
            // No cancel was asked and no step fails: every job ends with all its steps done once per run.
            assertThat(done.state()).as(id).isEqualTo(JobState.Success);
            assertThat(done.progressPercent()).isEqualTo(100);
            assertThat(done.content().get("ExecutedInThisProcess").asInt()).isEqualTo(5);
        }
        assertThat(engine.counts()).containsExactly(0, 0, 60, 0);
    }
}
