package io.isengard.dicom.net.pdu;

import java.util.Arrays;

/**
 * A presentation data value item of a P-DATA-TF (PS3.8 §9.3.5.1, Annex E.2):
 * a fragment of a DIMSE command or data set. The bytes are a view into the
 * PDU's buffer, so that receiving does not copy them twice.
 */
public final class Pdv {
    private final int presentationContextId;
    private final boolean command;
    private final boolean last;
    private final byte[] buffer;
    private final int offset;
    private final int length;

    public Pdv(int presentationContextId, boolean command, boolean last, byte[] buffer, int offset, int length) {
        this.presentationContextId = presentationContextId;
        this.command = command;
        this.last = last;
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
    }

    public Pdv(int presentationContextId, boolean command, boolean last, byte[] data) {
        this(presentationContextId, command, last, data, 0, data.length);
    }

    public int presentationContextId() {
        return presentationContextId;
    }

    /** True for a command fragment, false for a data set fragment (bit 0 of the message control header). */
    public boolean command() {
        return command;
    }

    /** True for the last fragment of the command or data set (bit 1). */
    public boolean last() {
        return last;
    }

    /** The message control header byte. */
    public int messageControlHeader() {
        return (command ? 1 : 0) | (last ? 2 : 0);
    }

    public byte[] buffer() {
        return buffer;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    /** A copy of the fragment's bytes. */
    public byte[] bytes() {
        return Arrays.copyOfRange(buffer, offset, offset + length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pdv p && p.presentationContextId == presentationContextId && p.command == command
                && p.last == last && Arrays.equals(p.buffer, p.offset, p.offset + p.length, buffer, offset,
                        offset + length);
    }

    @Override
    public int hashCode() {
        return presentationContextId * 31 + length;
    }

    @Override
    public String toString() {
        return "PDV(context " + presentationContextId + (command ? ", command" : ", data") + (last ? ", last" : "")
                + ", " + length + " bytes)";
    }
}
