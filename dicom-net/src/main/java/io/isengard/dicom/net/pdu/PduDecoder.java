package io.isengard.dicom.net.pdu;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes PDUs (PS3.8 §9.3). No length read from the wire sizes an
 * allocation beyond a bound: P-DATA-TF PDUs may not exceed the Maximum
 * Length Received we announced, association PDUs {@link #MAX_ASSOCIATION_PDU_LENGTH},
 * and their bytes are read as they arrive. Unknown items are skipped as
 * PS3.8 §9.3.1 says; malformed ones raise {@link PduException}.
 */
public final class PduDecoder {
    /** Bound for A-ASSOCIATE-RQ/AC: 128 contexts × many transfer syntaxes fit with room to spare. */
    public static final int MAX_ASSOCIATION_PDU_LENGTH = 1 << 20;

    private PduDecoder() {}

    /**
     * Reads the next PDU; null at a clean end of stream (before any byte of a PDU).
     *
     * @param maxPDataLength the largest P-DATA-TF length accepted (our Maximum Length Received)
     */
    public static Pdu read(InputStream in, long maxPDataLength) throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        byte[] header = in.readNBytes(5);
        if (header.length < 5) {
            throw new EOFException("the connection closed inside a PDU header");
        }
        long length = ((header[1] & 0xFFL) << 24) | ((header[2] & 0xFF) << 16) | ((header[3] & 0xFF) << 8)
                | (header[4] & 0xFF);
        long bound = switch (type) {
            case Pdu.P_DATA_TF -> maxPDataLength <= 0 ? Integer.MAX_VALUE - 8 : maxPDataLength;
            case Pdu.A_ASSOCIATE_RQ, Pdu.A_ASSOCIATE_AC -> MAX_ASSOCIATION_PDU_LENGTH;
            case Pdu.A_ASSOCIATE_RJ, Pdu.A_RELEASE_RQ, Pdu.A_RELEASE_RP, Pdu.A_ABORT -> 4;
            default -> throw new PduException(AAbort.REASON_UNRECOGNIZED_PDU,
                    String.format("unrecognized PDU type 0x%02X", type));
        };
        if (length > bound) {
            throw new PduException(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, String.format(
                    "PDU type 0x%02X declares %d bytes, more than the %d accepted", type, length, bound));
        }
        byte[] body = type == Pdu.P_DATA_TF ? readFully(in, (int) length) : in.readNBytes((int) length);
        if (body.length < length) {
            throw new EOFException(String.format("the connection closed inside a PDU of type 0x%02X (%d of %d bytes)",
                    type, body.length, length));
        }
        return decode(type, body);
    }

    /** Decodes a PDU body (the bytes after the 6-byte header). */
    public static Pdu decode(int type, byte[] body) throws PduException {
        Reader r = new Reader(body, 0, body.length);
        return switch (type) {
            case Pdu.A_ASSOCIATE_RQ -> associateRq(r);
            case Pdu.A_ASSOCIATE_AC -> associateAc(r);
            case Pdu.A_ASSOCIATE_RJ -> {
                r.need(4, "A-ASSOCIATE-RJ");
                r.skip(1);
                yield new AAssociateRj(r.u8(), r.u8(), r.u8());
            }
            case Pdu.P_DATA_TF -> pData(r);
            case Pdu.A_RELEASE_RQ -> {
                r.need(4, "A-RELEASE-RQ");
                yield new AReleaseRq();
            }
            case Pdu.A_RELEASE_RP -> {
                r.need(4, "A-RELEASE-RP");
                yield new AReleaseRp();
            }
            case Pdu.A_ABORT -> {
                r.need(4, "A-ABORT");
                r.skip(2);
                yield new AAbort(r.u8(), r.u8());
            }
            default -> throw new PduException(AAbort.REASON_UNRECOGNIZED_PDU,
                    String.format("unrecognized PDU type 0x%02X", type));
        };
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] b = new byte[length];
        int n = in.readNBytes(b, 0, length);
        if (n < length) {
            throw new EOFException("the connection closed inside a P-DATA-TF (" + n + " of " + length + " bytes)");
        }
        return b;
    }

    private static PDataTf pData(Reader r) throws PduException {
        List<Pdv> pdvs = new ArrayList<>(2);
        while (r.remaining() > 0) {
            r.need(6, "a PDV item header");
            long length = r.u32();
            if (length < 2 || length > r.remaining()) {
                throw new PduException(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                        "PDV item length " + length + " does not fit the " + r.remaining() + " bytes left in the P-DATA-TF");
            }
            int pcId = r.u8();
            int mch = r.u8();
            int dataLength = (int) length - 2;
            pdvs.add(new Pdv(pcId, (mch & 1) != 0, (mch & 2) != 0, r.bytes, r.pos, dataLength));
            r.skip(dataLength);
        }
        if (pdvs.isEmpty()) {
            throw new PduException(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, "P-DATA-TF without any PDV item");
        }
        return new PDataTf(pdvs);
    }

    private record Header(int protocolVersion, String called, String calling) {}

    private static Header associateHeader(Reader r, String what) throws PduException {
        r.need(68, what + " fixed fields");
        int version = r.u16();
        r.skip(2);
        String called = r.ascii(16).strip();
        String calling = r.ascii(16).strip();
        r.skip(32);
        return new Header(version, called, calling);
    }

    private static AAssociateRq associateRq(Reader r) throws PduException {
        Header h = associateHeader(r, "A-ASSOCIATE-RQ");
        String applicationContext = null;
        List<PresentationContextRq> contexts = new ArrayList<>();
        UserInformation ui = null;
        while (r.remaining() > 0) {
            Reader item = r.item();
            switch (item.type) {
                case 0x10 -> applicationContext = item.ascii(item.remaining()).strip();
                case 0x20 -> contexts.add(presentationContextRq(item));
                case 0x50 -> ui = userInformation(item);
                default -> { } // PS3.8 §9.3.1: items of an unknown type are ignored
            }
        }
        requireApplicationContext(applicationContext, "A-ASSOCIATE-RQ");
        return new AAssociateRq(h.protocolVersion, h.called, h.calling, applicationContext, contexts, ui);
    }

    private static AAssociateAc associateAc(Reader r) throws PduException {
        Header h = associateHeader(r, "A-ASSOCIATE-AC");
        String applicationContext = null;
        List<PresentationContextAc> contexts = new ArrayList<>();
        UserInformation ui = null;
        while (r.remaining() > 0) {
            Reader item = r.item();
            switch (item.type) {
                case 0x10 -> applicationContext = item.ascii(item.remaining()).strip();
                case 0x21 -> contexts.add(presentationContextAc(item));
                case 0x50 -> ui = userInformation(item);
                default -> { }
            }
        }
        requireApplicationContext(applicationContext, "A-ASSOCIATE-AC");
        return new AAssociateAc(h.protocolVersion, h.called, h.calling, applicationContext, contexts, ui);
    }

    private static void requireApplicationContext(String name, String what) throws PduException {
        if (name == null) {
            throw new PduException(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                    what + " has no Application Context item (0x10)");
        }
    }

    private static PresentationContextRq presentationContextRq(Reader item) throws PduException {
        item.need(4, "presentation context item");
        int id = item.u8();
        item.skip(3);
        String abstractSyntax = null;
        List<String> transferSyntaxes = new ArrayList<>();
        while (item.remaining() > 0) {
            Reader sub = item.item();
            switch (sub.type) {
                case 0x30 -> abstractSyntax = uid(sub);
                case 0x40 -> transferSyntaxes.add(uid(sub));
                default -> throw new PduException(AAbort.REASON_UNEXPECTED_PDU_PARAMETER, String.format(
                        "presentation context %d has a sub-item of type 0x%02X", id, sub.type));
            }
        }
        if (abstractSyntax == null) {
            throw new PduException(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                    "presentation context " + id + " has no abstract syntax sub-item (0x30)");
        }
        return new PresentationContextRq(id, abstractSyntax, transferSyntaxes);
    }

    private static PresentationContextAc presentationContextAc(Reader item) throws PduException {
        item.need(4, "presentation context item");
        int id = item.u8();
        item.skip(1);
        int result = item.u8();
        item.skip(1);
        String ts = null;
        while (item.remaining() > 0) {
            Reader sub = item.item();
            if (sub.type == 0x40) {
                ts = uid(sub);
            }
        }
        return new PresentationContextAc(id, result, ts);
    }

    private static UserInformation userInformation(Reader item) throws PduException {
        long maxLength = -1;
        String classUid = null;
        String versionName = null;
        UserInformation.AsyncOperationsWindow async = null;
        List<RoleSelection> roles = new ArrayList<>();
        List<ExtendedNegotiation> extended = new ArrayList<>();
        List<CommonExtendedNegotiation> common = new ArrayList<>();
        UserIdentityRq identityRq = null;
        UserIdentityAc identityAc = null;
        while (item.remaining() > 0) {
            Reader sub = item.item();
            switch (sub.type) {
                case 0x51 -> {
                    sub.need(4, "Maximum Length sub-item");
                    maxLength = sub.u32();
                }
                case 0x52 -> classUid = uid(sub);
                case 0x53 -> {
                    sub.need(4, "Asynchronous Operations Window sub-item");
                    async = new UserInformation.AsyncOperationsWindow(sub.u16(), sub.u16());
                }
                case 0x54 -> {
                    String uid = sub.lengthPrefixedAscii("SCP/SCU Role Selection");
                    sub.need(2, "SCP/SCU Role Selection roles");
                    roles.add(new RoleSelection(uid, sub.u8() == 1, sub.u8() == 1));
                }
                case 0x55 -> versionName = sub.ascii(sub.remaining()).strip();
                case 0x56 -> {
                    String uid = sub.lengthPrefixedAscii("SOP Class Extended Negotiation");
                    extended.add(new ExtendedNegotiation(uid, sub.take(sub.remaining())));
                }
                case 0x57 -> {
                    String uid = sub.lengthPrefixedAscii("SOP Class Common Extended Negotiation");
                    String serviceClass = sub.lengthPrefixedAscii("SOP Class Common Extended Negotiation");
                    List<String> related = new ArrayList<>();
                    if (sub.remaining() > 0) {
                        Reader list = new Reader(sub.bytes, sub.pos + 2, sub.lengthPrefixedLength("related SOP classes"));
                        sub.skip(2 + list.remaining());
                        while (list.remaining() > 0) {
                            related.add(list.lengthPrefixedAscii("related general SOP class"));
                        }
                    }
                    common.add(new CommonExtendedNegotiation(uid, serviceClass, related));
                }
                case 0x58 -> {
                    sub.need(2, "User Identity sub-item");
                    int type = sub.u8();
                    boolean positive = sub.u8() == 1;
                    byte[] primary = sub.take(sub.lengthPrefixedLengthAndSkip("User Identity primary field"));
                    byte[] secondary = sub.remaining() >= 2
                            ? sub.take(sub.lengthPrefixedLengthAndSkip("User Identity secondary field"))
                            : new byte[0];
                    identityRq = new UserIdentityRq(type, positive, primary, secondary);
                }
                case 0x59 -> identityAc = new UserIdentityAc(
                        sub.take(sub.lengthPrefixedLengthAndSkip("User Identity server response")));
                default -> { } // unknown user information sub-items are ignored
            }
        }
        if (maxLength < 0) {
            throw new PduException(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                    "the User Information item has no Maximum Length sub-item (0x51)");
        }
        return new UserInformation(maxLength, classUid, versionName, async, roles, extended, common, identityRq,
                identityAc);
    }

    /** A UID value: trailing NUL padding (some implementations send it) removed. */
    private static String uid(Reader r) {
        String s = r.ascii(r.remaining());
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == 0 || s.charAt(end - 1) == ' ')) {
            end--;
        }
        return s.substring(0, end);
    }

    /** A bounded view of the body: every read checks the bytes are there. */
    private static final class Reader {
        final byte[] bytes;
        int pos;
        final int end;
        int type;

        Reader(byte[] bytes, int pos, int length) {
            this.bytes = bytes;
            this.pos = pos;
            this.end = pos + length;
        }

        int remaining() {
            return end - pos;
        }

        void need(int n, String what) throws PduException {
            if (remaining() < n) {
                throw new PduException(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                        what + " needs " + n + " bytes, " + remaining() + " left");
            }
        }

        void skip(int n) {
            pos += n;
        }

        int u8() {
            return bytes[pos++] & 0xFF;
        }

        int u16() {
            return (u8() << 8) | u8();
        }

        long u32() {
            return ((long) u16() << 16) | u16();
        }

        String ascii(int n) {
            String s = new String(bytes, pos, n, StandardCharsets.US_ASCII);
            pos += n;
            return s;
        }

        byte[] take(int n) {
            byte[] b = java.util.Arrays.copyOfRange(bytes, pos, pos + n);
            pos += n;
            return b;
        }

        /** An item: type, reserved, 16-bit length, content; the content as a reader. */
        Reader item() throws PduException {
            need(4, "an item header");
            int t = u8();
            skip(1);
            int length = u16();
            if (length > remaining()) {
                throw new PduException(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, String.format(
                        "item 0x%02X declares %d bytes, %d left", t, length, remaining()));
            }
            Reader r = new Reader(bytes, pos, length);
            r.type = t;
            pos += length;
            return r;
        }

        int lengthPrefixedLength(String what) throws PduException {
            need(2, what);
            int n = ((bytes[pos] & 0xFF) << 8) | (bytes[pos + 1] & 0xFF);
            if (n > remaining() - 2) {
                throw new PduException(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                        what + " declares " + n + " bytes, " + (remaining() - 2) + " left");
            }
            return n;
        }

        int lengthPrefixedLengthAndSkip(String what) throws PduException {
            int n = lengthPrefixedLength(what);
            skip(2);
            return n;
        }

        String lengthPrefixedAscii(String what) throws PduException {
            int n = lengthPrefixedLengthAndSkip(what);
            Reader r = new Reader(bytes, pos, n);
            pos += n;
            return uid(r);
        }
    }
}
