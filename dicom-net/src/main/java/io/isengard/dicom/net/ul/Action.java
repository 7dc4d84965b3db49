package io.isengard.dicom.net.ul;

import static io.isengard.dicom.net.ul.State.*;

/**
 * The actions of the DICOM upper layer (PS3.8 Tables 9-6 to 9-9) and the
 * state each leads to. AE-6 and AR-8 have two possible next states; the
 * caller says which ({@link StateMachine#fire(Event, boolean)}).
 */
public enum Action {
    AE_1("Issue TRANSPORT CONNECT request primitive to local transport service", Sta4),
    AE_2("Send A-ASSOCIATE-RQ-PDU", Sta5),
    AE_3("Issue A-ASSOCIATE confirmation (accept) primitive", Sta6),
    AE_4("Issue A-ASSOCIATE confirmation (reject) primitive and close transport connection", Sta1),
    AE_5("Issue Transport connection response primitive; start ARTIM timer", Sta2),
    /** Next state Sta3 if the A-ASSOCIATE-RQ is acceptable by the service provider, else Sta13. */
    AE_6("Stop ARTIM timer; issue A-ASSOCIATE indication primitive, or send A-ASSOCIATE-RJ-PDU and start ARTIM timer",
            Sta3, Sta13),
    AE_7("Send A-ASSOCIATE-AC PDU", Sta6),
    AE_8("Send A-ASSOCIATE-RJ PDU and start ARTIM timer", Sta13),
    DT_1("Send P-DATA-TF PDU", Sta6),
    DT_2("Send P-DATA indication primitive", Sta6),
    AR_1("Send A-RELEASE-RQ PDU", Sta7),
    AR_2("Issue A-RELEASE indication primitive", Sta8),
    AR_3("Issue A-RELEASE confirmation primitive, and close transport connection", Sta1),
    AR_4("Issue A-RELEASE-RP PDU and start ARTIM timer", Sta13),
    AR_5("Stop ARTIM timer", Sta1),
    AR_6("Issue P-DATA indication", Sta7),
    AR_7("Issue P-DATA-TF PDU", Sta8),
    /** Next state Sta9 on the association-requestor side, Sta10 on the acceptor side. */
    AR_8("Issue A-RELEASE indication (release collision)", Sta9, Sta10),
    AR_9("Send A-RELEASE-RP PDU", Sta11),
    AR_10("Issue A-RELEASE confirmation primitive", Sta12),
    AA_1("Send A-ABORT PDU (service-user source) and start (or restart if already started) ARTIM timer", Sta13),
    AA_2("Stop ARTIM timer if running. Close transport connection", Sta1),
    AA_3("Issue A-ABORT or A-P-ABORT indication and close transport connection", Sta1),
    AA_4("Issue A-P-ABORT indication primitive", Sta1),
    AA_5("Stop ARTIM timer", Sta1),
    AA_6("Ignore PDU", Sta13),
    AA_7("Send A-ABORT PDU", Sta13),
    AA_8("Send A-ABORT PDU (service-provider source), issue an A-P-ABORT indication, and start ARTIM timer", Sta13);

    private final String description;
    private final State next;
    private final State otherwise;

    Action(String description, State next) {
        this(description, next, next);
    }

    Action(String description, State next, State otherwise) {
        this.description = description;
        this.next = next;
        this.otherwise = otherwise;
    }

    public String description() {
        return description;
    }

    /** The next state: for AE-6 "acceptable", for AR-8 "association-requestor". */
    public State next(boolean condition) {
        return condition ? next : otherwise;
    }

    /** The PS3.8 name, e.g. "AE-6". */
    public String label() {
        return name().replace('_', '-');
    }
}
