package io.isengard.server.jobs;

import io.isengard.server.model.ErrorCode;

/**
 * What one step of a job says about the job (jobs.md §1.1): continue with
 * the next step, success, failure (with the error of the step), or retry
 * after a delay.
 *
 * @param error for {@link Outcome#FAILURE}
 * @param details for {@link Outcome#FAILURE}, "" if none
 * @param retryMillis for {@link Outcome#RETRY}
 */
public record StepResult(Outcome outcome, ErrorCode error, String details, long retryMillis) {
    public enum Outcome { CONTINUE, SUCCESS, FAILURE, RETRY }

    private static final StepResult CONTINUE = new StepResult(Outcome.CONTINUE, ErrorCode.Success, "", 0);
    private static final StepResult SUCCESS = new StepResult(Outcome.SUCCESS, ErrorCode.Success, "", 0);

    public static StepResult continueWithNextStep() {
        return CONTINUE;
    }

    public static StepResult success() {
        return SUCCESS;
    }

    public static StepResult failure(ErrorCode error, String details) {
        return new StepResult(Outcome.FAILURE, error, details == null ? "" : details, 0);
    }

    public static StepResult retry(long millis) {
        return new StepResult(Outcome.RETRY, ErrorCode.Success, "", millis);
    }
}
