package io.isengard.server.resources;

import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.util.Objects;

/**
 * What a writer of a metadata or attachment expects to replace
 * (resources.md §14): anything (no If-Match, CheckRevisions off), nothing
 * (no If-Match, CheckRevisions on: only a creation may proceed), or the
 * revision and MD5 of an If-Match header.
 */
public record ExpectedRevision(Kind kind, long revision, String md5) {
    public enum Kind { ANY, NOTHING, MATCHING }

    public static final ExpectedRevision ANY = new ExpectedRevision(Kind.ANY, -1, null);
    public static final ExpectedRevision NOTHING = new ExpectedRevision(Kind.NOTHING, -1, null);

    public static ExpectedRevision matching(long revision, String md5) {
        return new ExpectedRevision(Kind.MATCHING, revision, md5);
    }

    /**
     * Checks an overwrite against what is there (null revision: nothing).
     * Creating is always allowed: Orthanc then ignores If-Match and starts
     * a new sequence of revisions at 0.
     */
    public void checkOverwrite(Long currentRevision, String currentMd5) {
        if (currentRevision == null || kind == Kind.ANY) {
            return;
        }
        if (kind == Kind.NOTHING) {
            throw new OrthancException(ErrorCode.Revision, "Already existing, and the HTTP header \"If-Match\" "
                    + "is missing, as \"CheckRevisions\" is \"true\"");
        }
        checkMatch(currentRevision, currentMd5);
    }

    /** Checks a deletion of what is there. */
    public void checkDeletion(long currentRevision, String currentMd5) {
        requireForDeletion();
        if (kind == Kind.MATCHING) {
            checkMatch(currentRevision, currentMd5);
        }
    }

    /** A deletion without If-Match is refused outright when revisions are checked. */
    public void requireForDeletion() {
        if (kind == Kind.NOTHING) {
            throw new OrthancException(ErrorCode.Revision,
                    "HTTP header \"If-Match\" is missing, as \"CheckRevisions\" is \"true\"");
        }
    }

    private void checkMatch(long currentRevision, String currentMd5) {
        if (currentRevision != revision || !Objects.equals(currentMd5, md5)) {
            throw new OrthancException(ErrorCode.Revision, "If-Match expects revision " + revision + " with MD5 "
                    + md5 + ", the current one is revision " + currentRevision + " with MD5 " + currentMd5);
        }
    }
}
