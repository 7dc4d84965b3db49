package io.isengard.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;

/**
 * A job type of the tests (never registered in production): {@code steps}
 * commands, each waiting for a permit of a named gate (the test decides
 * when a step ends) or sleeping {@code stepMillis}; the command
 * {@code failAt} throws. It records, per process, the steps it ran.
 */
final class StepsJob extends SetOfCommandsJob {
    static final String TYPE = "IsengardTestSteps";
    /** Gates by name: survive the job objects (a reloaded job finds its gate). */
    static final Map<String, Semaphore> GATES = new ConcurrentHashMap<>();
    /** Names of jobs in the order their first step ran. */
    static final List<String> STARTED = new CopyOnWriteArrayList<>();

    private final String name;
    private final int steps;
    private final long stepMillis;
    private final int failAt;
    private final String gate;
    private int executedHere;

    StepsJob(String name, int steps, long stepMillis, int failAt, String gate, boolean permissive) {
        super("Test", permissive);
        this.name = name;
        this.steps = steps;
        this.stepMillis = stepMillis;
        this.failAt = failAt;
        this.gate = gate;
    }

    /** A job whose every step waits for a permit of its own new gate. */
    static StepsJob gated(String name, int steps) {
        GATES.put(name, new Semaphore(0));
        return new StepsJob(name, steps, 0, -1, name, false);
    }

    static StepsJob sleeping(String name, int steps, long stepMillis) {
        return new StepsJob(name, steps, stepMillis, -1, null, false);
    }

    static StepsJob failing(String name, int steps, int failAt) {
        return new StepsJob(name, steps, 0, failAt, null, false);
    }

    static void open(String gate, int permits) {
        GATES.get(gate).release(permits);
    }

    static void register(JobTypes types) {
        types.register(TYPE, saved -> {
            StepsJob j = new StepsJob(saved.path("Name").asText(), saved.path("Steps").asInt(),
                    saved.path("StepMillis").asLong(), saved.path("FailAt").asInt(),
                    saved.hasNonNull("Gate") ? saved.get("Gate").asText() : null, saved.path("Permissive").asBoolean());
            j.restore(saved);
            return j;
        });
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    protected int commandCount() {
        return steps;
    }

    @Override
    protected boolean execute(int index) throws Exception {
        if (executedHere == 0 && index == position()) {
            STARTED.add(name);
        }
        if (gate != null) {
            GATES.get(gate).acquire();
        } else if (stepMillis > 0) {
            Thread.sleep(stepMillis);
        }
        if (index == failAt) {
            throw new OrthancException(ErrorCode.NetworkProtocol, "step " + index + " of " + name + " failed");
        }
        executedHere++;
        return true;
    }

    @Override
    protected void addContent(ObjectNode content) {
        content.put("Name", name);
        content.put("Steps", steps);
        content.put("ExecutedInThisProcess", executedHere);
    }

    @Override
    protected void addSaved(ObjectNode saved) {
        saved.put("Name", name);
        saved.put("Steps", steps);
        saved.put("StepMillis", stepMillis);
        saved.put("FailAt", failAt);
        if (gate != null) {
            saved.put("Gate", gate);
        }
    }

    /** A job whose first step asks to be retried much later (state Retry), then succeeds. */
    static final class RetryLater implements Job {
        private boolean retried;

        @Override
        public String type() {
            return "IsengardTestRetry";
        }

        @Override
        public StepResult step() {
            if (!retried) {
                retried = true;
                return StepResult.retry(3_600_000);
            }
            return StepResult.success();
        }

        @Override
        public double progress() {
            return retried ? 0.5 : 0;
        }

        @Override
        public ObjectNode content() {
            return new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        }

        @Override
        public ObjectNode serialize() {
            return null;
        }

        @Override
        public void reset() {
            retried = false;
        }
    }

    static JsonNode none() {
        return null;
    }
}
