package io.isengard.server.model;

/** The answer to any modification while "ReadOnly" is true (config.md §2, Orthanc 1.12.5). */
public final class ReadOnlyMode {
    private ReadOnlyMode() {}

    /** ReadOnly (22): {@code what} cannot change while the server is read-only. */
    public static OrthancException refusal(String what) {
        return new OrthancException(ErrorCode.ReadOnly, what + " cannot be modified: the server was started with "
                + "\"ReadOnly\": true");
    }
}
