package io.isengard.dicom.net.pdu;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Encodes PDUs to their bytes (PS3.8 §9.3); big endian, as the upper layer is. */
public final class PduEncoder {
    private PduEncoder() {}

    /** The PDU's bytes, header included. */
    public static byte[] encode(Pdu pdu) {
        Bytes body = new Bytes();
        switch (pdu) {
            case AAssociateRq rq -> {
                associateHeader(body, rq.protocolVersion(), rq.calledAeTitle(), rq.callingAeTitle());
                uidItem(body, 0x10, rq.applicationContextName());
                for (PresentationContextRq pc : rq.presentationContexts()) {
                    Bytes item = new Bytes();
                    item.u8(pc.id()).u8(0).u8(0).u8(0);
                    uidItem(item, 0x30, pc.abstractSyntax());
                    for (String ts : pc.transferSyntaxes()) {
                        uidItem(item, 0x40, ts);
                    }
                    body.item(0x20, item);
                }
                userInformation(body, rq.userInformation());
            }
            case AAssociateAc ac -> {
                associateHeader(body, ac.protocolVersion(), ac.calledAeTitle(), ac.callingAeTitle());
                uidItem(body, 0x10, ac.applicationContextName());
                for (PresentationContextAc pc : ac.presentationContexts()) {
                    Bytes item = new Bytes();
                    item.u8(pc.id()).u8(0).u8(pc.result()).u8(0);
                    // PS3.8 §9.3.3.2: the transfer syntax sub-item is there even when rejected (then not significant).
                    uidItem(item, 0x40, pc.transferSyntax() == null ? "" : pc.transferSyntax());
                    body.item(0x21, item);
                }
                userInformation(body, ac.userInformation());
            }
            case AAssociateRj rj -> body.u8(0).u8(rj.result()).u8(rj.source()).u8(rj.reason());
            case PDataTf data -> {
                for (Pdv pdv : data.pdvs()) {
                    body.u32(pdv.length() + 2L).u8(pdv.presentationContextId()).u8(pdv.messageControlHeader());
                    body.write(pdv.buffer(), pdv.offset(), pdv.length());
                }
            }
            case AReleaseRq rq -> body.u32(0);
            case AReleaseRp rp -> body.u32(0);
            case AAbort abort -> body.u8(0).u8(0).u8(abort.source()).u8(abort.reason());
        }
        Bytes out = new Bytes();
        out.u8(pdu.type()).u8(0).u32(body.size());
        out.write(body.toByteArray(), 0, body.size());
        return out.toByteArray();
    }

    /** Writes the PDU's bytes to {@code out} (not flushed). */
    public static void write(OutputStream out, Pdu pdu) throws IOException {
        out.write(encode(pdu));
    }

    private static void associateHeader(Bytes body, int protocolVersion, String called, String calling) {
        body.u16(protocolVersion).u16(0);
        body.write(aeTitle(called), 0, 16);
        body.write(aeTitle(calling), 0, 16);
        body.write(new byte[32], 0, 32);
    }

    /** An AE title field: 16 bytes, space padded (PS3.8 §9.3.2). */
    static byte[] aeTitle(String title) {
        byte[] b = new byte[16];
        Arrays.fill(b, (byte) ' ');
        byte[] t = title.getBytes(StandardCharsets.US_ASCII);
        if (t.length > 16) {
            throw new IllegalArgumentException("AE title longer than 16 characters: " + title);
        }
        System.arraycopy(t, 0, b, 0, t.length);
        return b;
    }

    private static void userInformation(Bytes body, UserInformation ui) {
        if (ui == null) {
            return;
        }
        Bytes item = new Bytes();
        item.u8(0x51).u8(0).u16(4).u32(ui.maxPduLength());
        uidItem(item, 0x52, ui.implementationClassUid());
        if (ui.asyncOperationsWindow() != null) {
            item.u8(0x53).u8(0).u16(4).u16(ui.asyncOperationsWindow().maxOperationsInvoked())
                    .u16(ui.asyncOperationsWindow().maxOperationsPerformed());
        }
        for (RoleSelection r : ui.roleSelections()) {
            byte[] uid = ascii(r.sopClassUid());
            item.u8(0x54).u8(0).u16(uid.length + 4).u16(uid.length);
            item.write(uid, 0, uid.length);
            item.u8(r.scuRole() ? 1 : 0).u8(r.scpRole() ? 1 : 0);
        }
        if (ui.implementationVersionName() != null) {
            uidItem(item, 0x55, ui.implementationVersionName());
        }
        for (ExtendedNegotiation e : ui.extendedNegotiations()) {
            byte[] uid = ascii(e.sopClassUid());
            byte[] info = e.serviceClassApplicationInformation();
            item.u8(0x56).u8(0).u16(2 + uid.length + info.length).u16(uid.length);
            item.write(uid, 0, uid.length);
            item.write(info, 0, info.length);
        }
        for (CommonExtendedNegotiation c : ui.commonExtendedNegotiations()) {
            Bytes sub = new Bytes();
            sub.lengthPrefixed(ascii(c.sopClassUid())).lengthPrefixed(ascii(c.serviceClassUid()));
            Bytes related = new Bytes();
            for (String uid : c.relatedGeneralSopClassUids()) {
                related.lengthPrefixed(ascii(uid));
            }
            sub.lengthPrefixed(related.toByteArray());
            item.u8(0x57).u8(0).u16(sub.size());
            item.write(sub.toByteArray(), 0, sub.size());
        }
        UserIdentityRq id = ui.userIdentityRq();
        if (id != null) {
            Bytes sub = new Bytes();
            sub.u8(id.identityType()).u8(id.positiveResponseRequested() ? 1 : 0);
            sub.lengthPrefixed(id.primaryField()).lengthPrefixed(id.secondaryField());
            item.u8(0x58).u8(0).u16(sub.size());
            item.write(sub.toByteArray(), 0, sub.size());
        }
        UserIdentityAc idAc = ui.userIdentityAc();
        if (idAc != null) {
            byte[] response = idAc.serverResponse();
            item.u8(0x59).u8(0).u16(2 + response.length).lengthPrefixed(response);
        }
        body.item(0x50, item);
    }

    private static void uidItem(Bytes out, int type, String uid) {
        byte[] b = ascii(uid);
        out.u8(type).u8(0).u16(b.length);
        out.write(b, 0, b.length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A growable big endian byte buffer. */
    private static final class Bytes extends ByteArrayOutputStream {
        Bytes u8(int v) {
            write(v);
            return this;
        }

        Bytes u16(int v) {
            if (v > 0xFFFF) {
                throw new IllegalArgumentException("value does not fit a 16-bit length: " + v);
            }
            write(v >>> 8);
            write(v);
            return this;
        }

        Bytes u32(long v) {
            write((int) (v >>> 24));
            write((int) (v >>> 16));
            write((int) (v >>> 8));
            write((int) v);
            return this;
        }

        Bytes lengthPrefixed(byte[] b) {
            u16(b.length);
            write(b, 0, b.length);
            return this;
        }

        Bytes item(int type, Bytes content) {
            u8(type).u8(0).u16(content.size());
            write(content.buf, 0, content.size());
            return this;
        }
    }
}
