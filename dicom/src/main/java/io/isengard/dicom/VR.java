package io.isengard.dicom;

/**
 * Value Representations of PS3.5 §6.2, with what the codec needs to know about
 * each: how its explicit-VR header is laid out, how values are padded, how
 * binary values are swapped between byte orders, and whether the Specific
 * Character Set applies.
 */
public enum VR {
    AE(Kind.STRING, 0, false), AS(Kind.STRING, 0, false), AT(Kind.BINARY, 2, false),
    CS(Kind.STRING, 0, false), DA(Kind.STRING, 0, false), DS(Kind.STRING, 0, false),
    DT(Kind.STRING, 0, false), FD(Kind.BINARY, 8, false), FL(Kind.BINARY, 4, false),
    IS(Kind.STRING, 0, false), LO(Kind.STRING, 0, false), LT(Kind.TEXT, 0, false),
    OB(Kind.BINARY, 1, true), OD(Kind.BINARY, 8, true), OF(Kind.BINARY, 4, true),
    OL(Kind.BINARY, 4, true), OV(Kind.BINARY, 8, true), OW(Kind.BINARY, 2, true),
    PN(Kind.STRING, 0, false), SH(Kind.STRING, 0, false), SL(Kind.BINARY, 4, false),
    SQ(Kind.SEQUENCE, 0, true), SS(Kind.BINARY, 2, false), ST(Kind.TEXT, 0, false),
    SV(Kind.BINARY, 8, true), TM(Kind.STRING, 0, false), UC(Kind.STRING, 0, true),
    UI(Kind.STRING, 0, false), UL(Kind.BINARY, 4, false), UN(Kind.BINARY, 1, true),
    UR(Kind.TEXT, 0, true), US(Kind.BINARY, 2, false), UT(Kind.TEXT, 0, true),
    UV(Kind.BINARY, 8, true);

    /** How values of a VR are made. */
    public enum Kind {
        /** Character string, possibly multi-valued (backslash separated). */
        STRING,
        /** Character string with a single value in which backslash is an ordinary character. */
        TEXT,
        /** Binary numbers or bytes. */
        BINARY,
        /** Sequence of items. */
        SEQUENCE
    }

    private final Kind kind;
    private final int swapUnit;
    private final boolean longHeader;
    private final int code;

    VR(Kind kind, int swapUnit, boolean longHeader) {
        this.kind = kind;
        this.swapUnit = swapUnit;
        this.longHeader = longHeader;
        this.code = (name().charAt(0) << 8) | name().charAt(1);
    }

    public Kind kind() {
        return kind;
    }

    /** True for VRs whose values are text (STRING or TEXT kind). */
    public boolean isText() {
        return kind == Kind.STRING || kind == Kind.TEXT;
    }

    /** True for VRs whose values are binary numbers or bytes. */
    public boolean isBinary() {
        return kind == Kind.BINARY;
    }

    /**
     * Size in bytes of the unit that is byte-swapped between little and big
     * endian (1 for byte VRs and text, which are never swapped).
     */
    public int swapUnit() {
        return kind == Kind.BINARY ? swapUnit : 1;
    }

    /**
     * True if the explicit-VR header has two reserved bytes and a 32-bit length
     * (PS3.5 Table 7.1-1); false for the 16-bit length form.
     */
    public boolean hasLongHeader() {
        return longHeader;
    }

    /** Padding byte for odd-length values: NUL for UI and binary VRs, space for text. */
    public byte paddingByte() {
        return (this == UI || kind == Kind.BINARY) ? 0 : (byte) ' ';
    }

    /** True if the Specific Character Set (0008,0005) applies to values of this VR. */
    public boolean usesSpecificCharacterSet() {
        return switch (this) {
            case SH, LO, ST, LT, UC, UT, PN -> true;
            default -> false;
        };
    }

    /** The two-character code as a big-endian 16-bit number, as it appears on the wire. */
    public int code() {
        return code;
    }

    private static final VR[] BY_CODE = new VR[0x10000];

    static {
        for (VR vr : values()) {
            BY_CODE[vr.code] = vr;
        }
    }

    /** The VR with the given 16-bit code (first character in the high byte), or null if none. */
    public static VR ofCode(int code) {
        return (code & 0xFFFF0000) != 0 ? null : BY_CODE[code];
    }

    /** The VR with the given two-character name, or null if none. */
    public static VR ofName(String name) {
        return name.length() == 2 ? ofCode((name.charAt(0) << 8) | name.charAt(1)) : null;
    }
}
