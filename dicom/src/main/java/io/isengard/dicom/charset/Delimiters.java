package io.isengard.dicom.charset;

import io.isengard.dicom.VR;

/**
 * Where ISO 2022 code extensions fall back to the initial character set
 * (PS3.5 §6.1.2.5.3): at control characters (CR, LF, FF, TAB and the others;
 * ESC excepted, it introduces the switches), at the value delimiter '\' of
 * multi-valued VRs, and at the component and group delimiters '^' and '=' of PN.
 * Texts (ST, LT, UT) have no value delimiter: '\' is an ordinary character there.
 */
final class Delimiters {
    static final int ESC = 0x1B;

    private Delimiters() {}

    /** True if {@code c} (a byte read in an ASCII G0, or a character) resets the code extensions. */
    static boolean resets(int c, VR vr) {
        if (c < 0x20) {
            return c != ESC;
        }
        if (c == '\\') {
            return vr != null && vr.kind() == VR.Kind.STRING;
        }
        return (c == '^' || c == '=') && vr == VR.PN;
    }
}
