package io.isengard.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orthanc's "set of commands" job (jobs.md §5.1): a fixed list of commands
 * and a cursor on the next one; one step runs one command. The cursor is
 * saved, so a paused or interrupted job resumes at the command where it
 * stopped. With "Permissive", a command that throws is logged and skipped.
 *
 * <p>Subclasses say how many commands there are and run one; they add their
 * own fields to {@link #content()} and {@link #serialize()} by overriding
 * {@link #addContent} and {@link #addSaved}, and read them back in their
 * {@link JobFactory} with {@link #restore}.
 */
public abstract class SetOfCommandsJob implements Job {
    private static final Logger LOG = LoggerFactory.getLogger(SetOfCommandsJob.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String description;
    private final boolean permissive;
    private int position;
    private int failedCount;

    protected SetOfCommandsJob(String description, boolean permissive) {
        this.description = description;
        this.permissive = permissive;
    }

    /** The number of commands. */
    protected abstract int commandCount();

    /**
     * Runs command {@code index}; false when it could not be done without an
     * error worth failing the job (counted in "FailedInstancesCount").
     */
    protected abstract boolean execute(int index) throws Exception;

    /** Type-specific members of the public content. */
    protected void addContent(ObjectNode content) {
    }

    /** Type-specific members of the saved form. */
    protected void addSaved(ObjectNode saved) {
    }

    /** Restores the cursor and counters of a saved form (called by the type's factory). */
    protected final void restore(JsonNode saved) {
        position = saved.path("Position").asInt();
        failedCount = saved.path("FailedCount").asInt();
        if (position < 0 || position > commandCount()) {
            throw new IllegalArgumentException("saved position " + position + " is not within the "
                    + commandCount() + " commands");
        }
    }

    public final String description() {
        return description;
    }

    public final boolean permissive() {
        return permissive;
    }

    /** The index of the next command. */
    public final int position() {
        return position;
    }

    /** Commands that returned false. */
    public final int failedCount() {
        return failedCount;
    }

    @Override
    public final StepResult step() throws Exception {
        if (position >= commandCount()) {
            return StepResult.success();
        }
        try {
            if (!execute(position)) {
                failedCount++;
            }
        } catch (Exception e) {
            if (!permissive) {
                throw e; // the cursor stays on the failed command: a resubmission starts over anyway
            }
            LOG.warn("{} job, command {} of {} failed and is skipped (Permissive): {}", type(), position + 1,
                    commandCount(), e instanceof OrthancException o ? o.getMessage() : e.toString());
        }
        position++;
        return position >= commandCount() ? StepResult.success() : StepResult.continueWithNextStep();
    }

    @Override
    public double progress() {
        int n = commandCount();
        return n == 0 ? 1 : (double) position / n;
    }

    @Override
    public final ObjectNode content() {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("Description", description);
        addContent(o);
        return o;
    }

    @Override
    public ObjectNode serialize() {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("Description", description);
        o.put("Permissive", permissive);
        o.put("Position", position);
        o.put("FailedCount", failedCount);
        addSaved(o);
        return o;
    }

    @Override
    public void reset() {
        position = 0;
        failedCount = 0;
    }

    /** For jobs that cannot be resubmitted (Orthanc's archives): call from an overriding {@link #reset}. */
    protected static OrthancException cannotResubmit(String what) {
        return new OrthancException(ErrorCode.BadSequenceOfCalls, "Cannot resubmit " + what);
    }
}
