package io.isengard.dicom.net;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.net.dimse.Command;
import java.io.IOException;

/**
 * The service handlers a DICOM server (or an SCU receiving C-GET
 * sub-operations) plugs in. Each returns the DIMSE status of its final
 * response; throwing {@link AbortAssociation} aborts the association
 * instead of answering (what Orthanc does for requests it refuses).
 */
public final class Handlers {
    private Handlers() {}

    /** C-ECHO: the status of the C-ECHO-RSP (normally {@code Status.SUCCESS}). */
    @FunctionalInterface
    public interface Echo {
        int echo(Association association, Command request) throws IOException;
    }

    /**
     * C-STORE: runs on the association's reader thread while the data set
     * streams in ({@link StoreRequest#dataSet()}); what the handler does not
     * read is discarded.
     */
    @FunctionalInterface
    public interface Store {
        int store(StoreRequest request) throws IOException;
    }

    /**
     * C-FIND: runs on its own virtual thread beside the reader, so a
     * C-CANCEL is seen: {@link QueryResponder#pending} returns false once the
     * peer cancelled; the handler then returns {@code Status.CANCEL}.
     */
    @FunctionalInterface
    public interface Find {
        int find(QueryRequest request, QueryResponder responder) throws IOException;
    }

    /** C-MOVE: on its own virtual thread; reports sub-operation progress, returns the final counts and status. */
    @FunctionalInterface
    public interface Move {
        RetrieveResult move(QueryRequest request, RetrieveResponder responder) throws IOException;
    }

    /**
     * C-GET: on its own virtual thread; sends sub-operations with
     * {@link Association#storeSubOperation} on the same association.
     */
    @FunctionalInterface
    public interface Get {
        RetrieveResult get(QueryRequest request, RetrieveResponder responder) throws IOException;
    }

    /** Pending C-FIND responses. */
    public interface QueryResponder {
        /** Sends one match (status Pending); false if the peer cancelled (nothing was sent then). */
        boolean pending(DataSet identifier) throws IOException;

        boolean cancelled();
    }

    /** Pending C-MOVE/C-GET responses. */
    public interface RetrieveResponder {
        /** Sends a Pending response with the counters; false if the peer cancelled. */
        boolean pending(int remaining, int completed, int failed, int warning) throws IOException;

        boolean cancelled();
    }

    /**
     * The final response of a C-MOVE or C-GET: status, sub-operation counts
     * and, on failures, the identifier with Failed SOP Instance UID List.
     */
    public record RetrieveResult(int status, int completed, int failed, int warning, DataSet identifier) {}

    /** A C-FIND/C-MOVE/C-GET request: the command and its identifier. */
    public record QueryRequest(Association association, int presentationContextId, Command command,
            DataSet identifier) {
        public String sopClassUid() {
            return command.string(Command.AffectedSOPClassUID);
        }

        /** Move Destination (0000,0600) of a C-MOVE. */
        public String moveDestination() {
            return command.string(Command.MoveDestination);
        }
    }

    /** Thrown by a handler to abort the association instead of answering. */
    public static class AbortAssociation extends IOException {
        public AbortAssociation(String why) {
            super(why);
        }
    }
}
