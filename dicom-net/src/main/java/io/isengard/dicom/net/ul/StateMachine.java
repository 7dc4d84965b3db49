package io.isengard.dicom.net.ul;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The state of one association's upper layer. Each event goes through
 * {@link StateTable}; the caller performs the returned action (send a PDU,
 * close the socket, start ARTIM...). An event with no table entry is a
 * programming error or a peer breaking the protocol: {@link IllegalStateException}.
 */
public final class StateMachine {
    private final ReentrantLock lock = new ReentrantLock();
    private final boolean requestor;
    private State state = State.Sta1;

    /** @param requestor true on the association-requestor (SCU) side; decides AR-8's next state */
    public StateMachine(boolean requestor) {
        this(requestor, State.Sta1);
    }

    /** A machine already in {@code state} (for the table test). */
    StateMachine(boolean requestor, State state) {
        this.requestor = requestor;
        this.state = state;
    }

    public State state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    /** Fires an event whose action has one next state. */
    public Action fire(Event event) {
        return fire(event, true);
    }

    /**
     * Fires an event. {@code acceptable} decides AE-6's next state (is the
     * A-ASSOCIATE-RQ acceptable by the service provider?); AR-8's next state
     * follows from the side this machine is on.
     */
    public Action fire(Event event, boolean acceptable) {
        lock.lock();
        try {
            Action action = StateTable.action(event, state);
            if (action == null) {
                throw new IllegalStateException(event + " (" + event.description() + ") is not expected in " + state
                        + " (" + state.description() + ")");
            }
            state = action.next(action == Action.AR_8 ? requestor : acceptable);
            return action;
        } finally {
            lock.unlock();
        }
    }

    /** The event for a PDU received. */
    public static Event received(io.isengard.dicom.net.pdu.Pdu pdu) {
        return switch (pdu) {
            case io.isengard.dicom.net.pdu.AAssociateAc ac -> Event.Evt3;
            case io.isengard.dicom.net.pdu.AAssociateRj rj -> Event.Evt4;
            case io.isengard.dicom.net.pdu.AAssociateRq rq -> Event.Evt6;
            case io.isengard.dicom.net.pdu.PDataTf data -> Event.Evt10;
            case io.isengard.dicom.net.pdu.AReleaseRq rq -> Event.Evt12;
            case io.isengard.dicom.net.pdu.AReleaseRp rp -> Event.Evt13;
            case io.isengard.dicom.net.pdu.AAbort abort -> Event.Evt16;
        };
    }
}
