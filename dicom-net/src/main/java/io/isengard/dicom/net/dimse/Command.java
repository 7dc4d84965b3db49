package io.isengard.dicom.net.dimse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A DIMSE command set (PS3.7 §6.3, §E.1): group 0000 elements, always
 * encoded in Implicit VR Little Endian with the Command Group Length first.
 * Kept apart from the data set model: a command has a fixed vocabulary
 * whose value representations are known here.
 */
public final class Command {
    public static final int CommandGroupLength = 0x00000000;
    public static final int AffectedSOPClassUID = 0x00000002;
    public static final int RequestedSOPClassUID = 0x00000003;
    public static final int CommandField = 0x00000100;
    public static final int MessageID = 0x00000110;
    public static final int MessageIDBeingRespondedTo = 0x00000120;
    public static final int MoveDestination = 0x00000600;
    public static final int Priority = 0x00000700;
    public static final int CommandDataSetType = 0x00000800;
    public static final int Status = 0x00000900;
    public static final int OffendingElement = 0x00000901;
    public static final int ErrorComment = 0x00000902;
    public static final int ErrorID = 0x00000903;
    public static final int AffectedSOPInstanceUID = 0x00001000;
    public static final int RequestedSOPInstanceUID = 0x00001001;
    public static final int NumberOfRemainingSuboperations = 0x00001020;
    public static final int NumberOfCompletedSuboperations = 0x00001021;
    public static final int NumberOfFailedSuboperations = 0x00001022;
    public static final int NumberOfWarningSuboperations = 0x00001023;
    public static final int MoveOriginatorApplicationEntityTitle = 0x00001030;
    public static final int MoveOriginatorMessageID = 0x00001031;

    /** Command Data Set Type value meaning "no data set" (PS3.7 §E.1). */
    public static final int NO_DATA_SET = 0x0101;
    /** Any other value means a data set follows; this is what we send. */
    public static final int DATA_SET_PRESENT = 0x0000;

    public static final int PRIORITY_MEDIUM = 0x0000;
    public static final int PRIORITY_HIGH = 0x0001;
    public static final int PRIORITY_LOW = 0x0002;

    /** Bound on a received command set: real ones are a few hundred bytes. */
    public static final int MAX_ENCODED_LENGTH = 64 * 1024;

    private final TreeMap<Integer, byte[]> elements = new TreeMap<>(Integer::compareUnsigned);

    public Command() {}

    /** A request or response with its command field, and no data set unless said otherwise. */
    public static Command of(int commandField) {
        Command c = new Command();
        c.putUS(CommandField, commandField);
        c.putUS(CommandDataSetType, NO_DATA_SET);
        return c;
    }

    /** A response to {@code request}: the response's command field, message id and SOP class echoed. */
    public static Command responseTo(Command request, int status) {
        Command c = of(request.commandField() | 0x8000);
        c.putUS(MessageIDBeingRespondedTo, request.messageId());
        String sopClass = request.string(AffectedSOPClassUID);
        if (sopClass != null) {
            c.putString(AffectedSOPClassUID, sopClass);
        }
        String instance = request.string(AffectedSOPInstanceUID);
        if (instance != null) {
            c.putString(AffectedSOPInstanceUID, instance);
        }
        c.putUS(Status, status);
        return c;
    }

    public int commandField() {
        return getInt(CommandField, -1);
    }

    public int messageId() {
        return getInt(MessageID, -1);
    }

    public int messageIdBeingRespondedTo() {
        return getInt(MessageIDBeingRespondedTo, -1);
    }

    public int status() {
        return getInt(Status, -1);
    }

    public boolean hasDataSet() {
        return getInt(CommandDataSetType, NO_DATA_SET) != NO_DATA_SET;
    }

    public Command withDataSet(boolean present) {
        putUS(CommandDataSetType, present ? DATA_SET_PRESENT : NO_DATA_SET);
        return this;
    }

    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    public Command putUS(int tag, int value) {
        elements.put(tag, new byte[] {(byte) value, (byte) (value >>> 8)});
        return this;
    }

    public Command putUL(int tag, long value) {
        elements.put(tag, new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)});
        return this;
    }

    /** A UI value is padded with NUL, other text with a space (PS3.5 §6.2). */
    public Command putString(int tag, String value) {
        byte[] b = value.getBytes(StandardCharsets.US_ASCII);
        if ((b.length & 1) != 0) {
            byte[] p = java.util.Arrays.copyOf(b, b.length + 1);
            p[b.length] = isUid(tag) ? 0 : (byte) ' ';
            b = p;
        }
        elements.put(tag, b);
        return this;
    }

    public Command putBytes(int tag, byte[] value) {
        elements.put(tag, value.clone());
        return this;
    }

    public Command remove(int tag) {
        elements.remove(tag);
        return this;
    }

    /** An unsigned 16-bit value (or the first 32 bits of UL) or {@code def}. */
    public int getInt(int tag, int def) {
        byte[] b = elements.get(tag);
        if (b == null || b.length < 2) {
            return def;
        }
        int v = (b[0] & 0xFF) | ((b[1] & 0xFF) << 8);
        if (b.length >= 4 && tag == CommandGroupLength) {
            v |= ((b[2] & 0xFF) << 16) | ((b[3] & 0xFF) << 24);
        }
        return v;
    }

    /** A text value without its padding, or null. */
    public String string(int tag) {
        byte[] b = elements.get(tag);
        if (b == null) {
            return null;
        }
        int end = b.length;
        while (end > 0 && (b[end - 1] == 0 || b[end - 1] == ' ')) {
            end--;
        }
        int start = 0;
        while (start < end && b[start] == ' ') {
            start++;
        }
        return new String(b, start, end - start, StandardCharsets.US_ASCII);
    }

    public byte[] bytes(int tag) {
        byte[] b = elements.get(tag);
        return b == null ? null : b.clone();
    }

    /** Tags present, in order. */
    public java.util.Set<Integer> tags() {
        return java.util.Collections.unmodifiableSet(elements.keySet());
    }

    /** Implicit VR Little Endian, Command Group Length first and recomputed. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        long groupLength = 0;
        for (Map.Entry<Integer, byte[]> e : elements.entrySet()) {
            if (e.getKey() != CommandGroupLength) {
                groupLength += 8 + e.getValue().length;
            }
        }
        element(out, CommandGroupLength, new byte[] {(byte) groupLength, (byte) (groupLength >>> 8),
            (byte) (groupLength >>> 16), (byte) (groupLength >>> 24)});
        for (Map.Entry<Integer, byte[]> e : elements.entrySet()) {
            if (e.getKey() != CommandGroupLength) {
                element(out, e.getKey(), e.getValue());
            }
        }
        return out.toByteArray();
    }

    private static void element(ByteArrayOutputStream out, int tag, byte[] value) {
        int group = tag >>> 16;
        int element = tag & 0xFFFF;
        out.write(group);
        out.write(group >>> 8);
        out.write(element);
        out.write(element >>> 8);
        int n = value.length;
        out.write(n);
        out.write(n >>> 8);
        out.write(n >>> 16);
        out.write(n >>> 24);
        out.write(value, 0, n);
    }

    /** Decodes a command set; elements outside group 0000 are a protocol error. */
    public static Command decode(byte[] b, int length) throws DimseException {
        Command c = new Command();
        int pos = 0;
        while (pos < length) {
            if (length - pos < 8) {
                throw new DimseException("command set: element header cut at byte " + pos + " of " + length);
            }
            int group = (b[pos] & 0xFF) | ((b[pos + 1] & 0xFF) << 8);
            int element = (b[pos + 2] & 0xFF) | ((b[pos + 3] & 0xFF) << 8);
            long n = (b[pos + 4] & 0xFFL) | ((b[pos + 5] & 0xFFL) << 8) | ((b[pos + 6] & 0xFFL) << 16)
                    | ((b[pos + 7] & 0xFFL) << 24);
            pos += 8;
            if (group != 0) {
                throw new DimseException(String.format("command set: element (%04X,%04X) is not in group 0000", group,
                        element));
            }
            if (n > length - pos) {
                throw new DimseException(String.format("command set: element (0000,%04X) declares %d bytes, %d left",
                        element, n, length - pos));
            }
            c.elements.put(element, java.util.Arrays.copyOfRange(b, pos, pos + (int) n));
            pos += (int) n;
        }
        if (c.commandField() < 0) {
            throw new DimseException("command set without Command Field (0000,0100)");
        }
        return c;
    }

    private static boolean isUid(int tag) {
        return tag == AffectedSOPClassUID || tag == RequestedSOPClassUID || tag == AffectedSOPInstanceUID
                || tag == RequestedSOPInstanceUID;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(io.isengard.dicom.net.dimse.CommandField.name(commandField()));
        if (contains(MessageID)) {
            s.append(" id ").append(messageId());
        }
        if (contains(MessageIDBeingRespondedTo)) {
            s.append(" for ").append(messageIdBeingRespondedTo());
        }
        if (contains(Status)) {
            s.append(String.format(" status 0x%04X", status()));
        }
        String sop = string(AffectedSOPInstanceUID);
        if (sop != null) {
            s.append(" instance ").append(sop);
        }
        return s.toString();
    }
}
