package io.isengard.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orthanc's jobs engine (jobs.md): a registry of jobs, a queue of pending
 * jobs by priority (highest first, then first in), "ConcurrentJobs" workers
 * on virtual threads that run jobs step by step, a history of the last
 * "JobsHistorySize" completed jobs, and with "SaveJobs" a copy of the
 * registry in the index so that jobs survive a restart.
 *
 * <p>One lock guards the registry; a step runs outside it. Pause and cancel
 * of a running job are honoured between two steps.
 */
public final class JobsEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobsEngine.class);
    /** How long close() waits for the running steps to end. */
    private static final long STOP_WAIT_MS = 30_000;

    private final JobsSettings settings;
    private final JobTypes types;
    private final JobsStore store;
    /** SaveJobs, on an index that can be written; else null. */
    private final JobsSaver saver;
    private final Clock clock;
    private final List<JobsListener> listeners = new CopyOnWriteArrayList<>();

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a job is queued or a retry is due, and at close: wakes the workers. */
    private final Condition work = lock.newCondition();
    /** Signalled at every change of state: wakes the synchronous submitters. */
    private final Condition changed = lock.newCondition();

    private final Map<String, JobHandle> jobs = new HashMap<>();
    private final PriorityQueue<JobHandle> pending = new PriorityQueue<>(
            Comparator.comparingInt((JobHandle h) -> -h.priority).thenComparingLong(h -> h.queueSeq));
    private final ArrayDeque<JobHandle> history = new ArrayDeque<>();
    private long nextQueueSeq;
    private boolean started;
    private boolean stopping;
    private final List<Thread> workers = new ArrayList<>();

    /**
     * {@code store} null: nothing is reloaded nor saved; {@code saving}
     * false: the saved jobs are reloaded, nothing is saved (SaveJobs false,
     * or a read-only index).
     */
    JobsEngine(JobsSettings settings, JobTypes types, JobsStore store, boolean saving, Clock clock) {
        this.settings = settings;
        this.types = types;
        this.store = store;
        this.saver = store != null && saving ? new JobsSaver(store, lock) : null;
        this.clock = clock;
    }

    /**
     * An engine that reloads the jobs saved in the index under
     * {@code serverIdentifier}, and saves its own there when SaveJobs (as
     * Orthanc, SaveJobs false still reloads what an earlier start saved).
     */
    public static JobsEngine create(JobsSettings settings, JobTypes types, io.isengard.server.index.Index index,
            String serverIdentifier, boolean canWrite, Clock clock) {
        return new JobsEngine(settings, types, new JobsStore(index, serverIdentifier), settings.saveJobs() && canWrite,
                clock);
    }

    public void addListener(JobsListener listener) {
        listeners.add(listener);
    }

    /** The job types that this engine reloads; register them before {@link #start}. */
    public JobTypes types() {
        return types;
    }

    /**
     * Reloads the saved jobs (unless {@code reload} is false: {@code --no-jobs})
     * and starts the workers.
     */
    public void start(boolean reload) {
        if (store != null && reload) {
            reload();
        }
        lock.lock();
        try {
            started = true;
            for (int i = 0; i < settings.concurrentJobs(); i++) {
                workers.add(Thread.ofVirtual().name("jobs-worker-" + i).start(this::work));
            }
            if (saver != null) {
                saver.start();
            }
        } finally {
            lock.unlock();
        }
        LOG.info("Jobs engine started: {} workers, history of {} jobs, saving {}", settings.concurrentJobs(),
                settings.historySize(), saver != null);
    }

    private void reload() {
        List<String> dropped = new ArrayList<>();
        List<JobsStore.Saved> saved = store.load(types, dropped);
        saved.sort(Comparator.comparing(JobsStore.Saved::lastChangeTime));
        lock.lock();
        try {
            if (saver != null) {
                dropped.forEach(saver::forgotten);
            }
            for (JobsStore.Saved s : saved) {
                JobHandle h = new JobHandle(s.id(), s.job(), s.priority(), s.creationTime(), s.userData());
                h.lastChangeTime = s.lastChangeTime();
                h.runtimeNanos = s.runtimeMillis() * 1_000_000;
                h.errorCode = s.errorCode();
                h.errorDetails = s.errorDetails();
                jobs.put(h.id, h);
                switch (s.state()) {
                    case Success, Failure -> {
                        h.state = s.state();
                        history.addLast(h);
                    }
                    case Paused -> h.state = JobState.Paused;
                    default -> enqueue(h); // Pending, Running, Retry: from where the last save left them
                }
            }
            trimHistory();
        } finally {
            lock.unlock();
        }
        if (!saved.isEmpty() || !dropped.isEmpty()) {
            LOG.warn("Reloaded {} jobs saved by the last execution ({} dropped)", saved.size(), dropped.size());
        }
    }

    // ------------------------------------------------------------ submission

    /** Submits a job; it is listed by {@link #ids()} when this returns. */
    public String submit(Job job, int priority, JsonNode userData) {
        String id = UUID.randomUUID().toString();
        JobHandle h = new JobHandle(id, job, priority, clock.instant(), userData);
        lock.lock();
        try {
            jobs.put(id, h);
            enqueue(h); // saved from here, with its state
        } finally {
            lock.unlock();
        }
        LOG.info("New job submitted with priority {}: {} ({})", priority, id, job.type());
        notify(l -> l.onSubmitted(id));
        return id;
    }

    /**
     * Submits a job and waits until it is completed; returns its last
     * snapshot. As with Orthanc, with "JobsHistorySize" 0 the completed job
     * is already forgotten, which is an error (InexistentItem).
     */
    public JobInfo submitAndWait(Job job, int priority, JsonNode userData) throws InterruptedException {
        String id = submit(job, priority, userData);
        lock.lock();
        try {
            JobHandle h = jobs.get(id);
            while (h != null && !h.state.isCompleted()) {
                changed.await();
                h = jobs.get(id);
            }
            if (h == null) {
                throw new OrthancException(ErrorCode.InexistentItem,
                        "Cannot retrieve the status of the job, make sure that \"JobsHistorySize\" is not 0");
            }
            return h.info(clock.instant(), System.nanoTime());
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------ reading

    /** The IDs of every job known (pending, running, paused, retry, history), sorted. */
    public List<String> ids() {
        lock.lock();
        try {
            return jobs.keySet().stream().sorted().toList();
        } finally {
            lock.unlock();
        }
    }

    /** Snapshots of every job, sorted by ID. */
    public List<JobInfo> infos() {
        lock.lock();
        try {
            Instant now = clock.instant();
            long nano = System.nanoTime();
            return jobs.values().stream().sorted(Comparator.comparing(h -> h.id)).map(h -> h.info(now, nano))
                    .toList();
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot of one job, or null if unknown. */
    public JobInfo info(String id) {
        lock.lock();
        try {
            JobHandle h = jobs.get(id);
            return h == null ? null : h.info(clock.instant(), System.nanoTime());
        } finally {
            lock.unlock();
        }
    }

    /** Counts for the metrics: pending (with retry), running (with paused), success, failure. */
    public long[] counts() {
        long[] c = new long[4];
        lock.lock();
        try {
            for (JobHandle h : jobs.values()) {
                switch (h.state) {
                    case Pending, Retry -> c[0]++;
                    case Running, Paused -> c[1]++;
                    case Success -> c[2]++;
                    case Failure -> c[3]++;
                }
            }
        } finally {
            lock.unlock();
        }
        return c;
    }

    // ------------------------------------------------------------ user actions (jobs.md §1.1)

    /** Pause; false if the job is unknown. */
    public boolean pause(String id) {
        lock.lock();
        try {
            JobHandle h = jobs.get(id);
            if (h == null) {
                return false;
            }
            switch (h.state) {
                case Pending -> {
                    pending.remove(h);
                    setState(h, JobState.Paused);
                }
                case Retry -> setState(h, JobState.Paused);
                case Running -> {
                    if (h.scheduled != JobHandle.Scheduled.CANCEL) {
                        h.scheduled = JobHandle.Scheduled.PAUSE;
                    }
                }
                default -> { } // Paused, Success, Failure: nothing to do
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Cancel (the job fails with ErrorCode 37); false if the job is unknown. */
    public boolean cancel(String id) {
        boolean failed = false;
        lock.lock();
        try {
            JobHandle h = jobs.get(id);
            if (h == null) {
                return false;
            }
            switch (h.state) {
                case Pending, Retry, Paused -> {
                    pending.remove(h);
                    complete(h, JobState.Failure, ErrorCode.CanceledJob, "");
                    failed = true;
                }
                case Running -> h.scheduled = JobHandle.Scheduled.CANCEL;
                default -> { } // already completed
            }
        } finally {
            lock.unlock();
        }
        if (failed) {
            LOG.warn("Job has been canceled: {}", id);
            notify(l -> l.onFailure(id));
        }
        return true;
    }

    /** Resume a paused job (queued again at the end of its priority); false if unknown or not paused. */
    public boolean resume(String id) {
        lock.lock();
        try {
            JobHandle h = jobs.get(id);
            if (h == null || h.state != JobState.Paused) {
                return false;
            }
            enqueue(h);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Resubmit a failed job: from its first step, runtime and error cleared;
     * false if unknown or not failed. A job that cannot be resubmitted throws.
     */
    public boolean resubmit(String id) {
        lock.lock();
        try {
            JobHandle h = jobs.get(id);
            if (h == null || h.state != JobState.Failure) {
                return false;
            }
            h.job.reset();
            history.remove(h);
            h.runtimeNanos = 0;
            h.errorCode = ErrorCode.Success;
            h.errorDetails = "";
            h.refresh();
            enqueue(h);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Removes a completed job from the history ({@code DELETE /jobs/{id}}); false if unknown or not completed. */
    public boolean forget(String id) {
        lock.lock();
        try {
            JobHandle h = jobs.get(id);
            if (h == null || !h.state.isCompleted()) {
                return false;
            }
            history.remove(h);
            drop(h);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The output of a successful job, or null. */
    public JobOutput output(String id, String key) {
        lock.lock();
        try {
            JobHandle h = jobs.get(id);
            return h == null || h.state != JobState.Success ? null : h.job.output(key);
        } finally {
            lock.unlock();
        }
    }

    /** Deletes an output of a successful job; false if there was none. */
    public boolean deleteOutput(String id, String key) {
        lock.lock();
        try {
            JobHandle h = jobs.get(id);
            return h != null && h.state == JobState.Success && h.job.deleteOutput(key);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------ workers

    private void work() {
        while (true) {
            JobHandle h;
            lock.lock();
            try {
                h = nextJob();
                if (h == null) {
                    return; // stopping
                }
                h.scheduled = JobHandle.Scheduled.NOTHING;
                h.runningSince = System.nanoTime();
                setState(h, JobState.Running);
            } finally {
                lock.unlock();
            }
            run(h);
        }
    }

    /** Waits for the next job to run (null when stopping); queues the jobs whose retry is due. */
    private JobHandle nextJob() {
        while (!stopping) {
            long wait = queueDueRetries();
            JobHandle h = pending.poll();
            if (h != null) {
                return h;
            }
            try {
                if (wait == Long.MAX_VALUE) {
                    work.await();
                } else {
                    work.awaitNanos(wait);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** Queues the jobs in Retry whose delay has passed; returns the nanoseconds until the next one is due. */
    private long queueDueRetries() {
        long now = System.nanoTime();
        long next = Long.MAX_VALUE;
        for (JobHandle h : jobs.values()) {
            if (h.state == JobState.Retry) {
                if (h.retryAt - now <= 0) {
                    enqueue(h);
                } else {
                    next = Math.min(next, h.retryAt - now);
                }
            }
        }
        return next;
    }

    /** Runs the steps of a job until it completes, pauses, waits to retry, or the engine stops. */
    private void run(JobHandle h) {
        while (true) {
            StepResult r;
            try {
                r = h.job.step();
            } catch (OrthancException e) {
                r = StepResult.failure(e.error(), e.details());
            } catch (Exception e) {
                LOG.error("Job {} ({}): {}", h.id, h.job.type(), e.toString(), e);
                r = StepResult.failure(ErrorCode.InternalError, e.toString());
            }
            boolean succeeded = false;
            boolean failed = false;
            lock.lock();
            try {
                long now = System.nanoTime();
                h.runtimeNanos += now - h.runningSince;
                h.runningSince = now;
                h.refresh();
                switch (r.outcome()) {
                    case SUCCESS -> {
                        complete(h, JobState.Success, ErrorCode.Success, "");
                        succeeded = true;
                    }
                    case FAILURE -> {
                        complete(h, JobState.Failure, r.error(), r.details());
                        failed = true;
                    }
                    case CONTINUE, RETRY -> {
                        if (h.scheduled == JobHandle.Scheduled.CANCEL) {
                            complete(h, JobState.Failure, ErrorCode.CanceledJob, "");
                            failed = true;
                        } else if (h.scheduled == JobHandle.Scheduled.PAUSE) {
                            setState(h, JobState.Paused);
                        } else if (r.outcome() == StepResult.Outcome.RETRY) {
                            h.retryAt = now + TimeUnit.MILLISECONDS.toNanos(r.retryMillis());
                            setState(h, JobState.Retry);
                            work.signal();
                        } else {
                            // The position moved on: saved at most every JobsSaver.DELAY_MS, and always when stopping
                            // (the job then stays Running in the saved registry and resumes after the restart).
                            long sinceSaved = now - h.serializedAt;
                            if (stopping || sinceSaved >= TimeUnit.MILLISECONDS.toNanos(JobsSaver.DELAY_MS)) {
                                markDirty(h);
                            }
                            if (!stopping) {
                                continue;
                            }
                        }
                    }
                }
            } finally {
                lock.unlock();
            }
            try {
                h.job.stop();
            } catch (RuntimeException e) {
                LOG.warn("Job {} ({}): releasing after its run: {}", h.id, h.job.type(), e.toString());
            }
            if (succeeded) {
                LOG.info("Job has completed with success: {}", h.id);
                notify(l -> l.onSuccess(h.id));
            } else if (failed) {
                LOG.warn("Job has completed with failure: {} ({} {})", h.id, h.errorCode, h.errorDetails);
                notify(l -> l.onFailure(h.id));
            }
            return;
        }
    }

    // ------------------------------------------------------------ state changes (under the lock)

    private void enqueue(JobHandle h) {
        h.queueSeq = nextQueueSeq++;
        setState(h, JobState.Pending);
        pending.add(h);
        work.signal();
    }

    private void setState(JobHandle h, JobState state) {
        h.state = state;
        h.lastChangeTime = clock.instant();
        markDirty(h);
        changed.signalAll();
    }

    private void complete(JobHandle h, JobState state, ErrorCode error, String details) {
        h.errorCode = error;
        h.errorDetails = details == null ? "" : details;
        setState(h, state);
        history.addLast(h);
        trimHistory();
    }

    /** Forgets the oldest completed jobs beyond "JobsHistorySize". */
    private void trimHistory() {
        while (history.size() > settings.historySize()) {
            drop(history.removeFirst());
        }
    }

    private void drop(JobHandle h) {
        jobs.remove(h.id);
        if (saver != null) {
            saver.forgotten(h.id);
        }
        changed.signalAll();
        try {
            h.job.release();
        } catch (RuntimeException e) {
            LOG.warn("Job {}: releasing its outputs failed: {}", h.id, e.toString());
        }
    }

    /** Has the saver take the saved form of a job (between two of its steps only). */
    private void markDirty(JobHandle h) {
        if (saver != null) {
            saver.changed(h);
        }
    }

    private void notify(Consumer<JobsListener> event) {
        for (JobsListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("A jobs listener failed: {}", e.toString());
            }
        }
    }

    // ------------------------------------------------------------ stopping

    /**
     * Stops the workers after their current step (the running jobs stay
     * Running in the saved registry, and resume after a restart), then saves
     * the registry a last time.
     */
    @Override
    public void close() {
        List<Thread> running;
        lock.lock();
        try {
            if (stopping || !started) {
                stopping = true;
                return;
            }
            stopping = true;
            work.signalAll();
            running = new ArrayList<>(workers);
        } finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MS);
        for (Thread t : running) {
            try {
                long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                if (!t.join(java.time.Duration.ofMillis(left))) {
                    LOG.warn("A job step did not end within {} s; its job is saved as its previous step left it",
                            STOP_WAIT_MS / 1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (saver != null) {
            saver.stop();
        }
    }
}
