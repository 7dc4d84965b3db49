package io.isengard.dicom.json;

import io.isengard.dicom.VR;

/** Which spaces of a DICOM string value carry no meaning (PS3.5 Table 6.2-1). */
final class DicomStrings {
    private DicomStrings() {}

    /**
     * Removes trailing spaces and NULs, and leading spaces where the VR says
     * they are insignificant (not for UC and the texts LT, ST, UT, UR).
     */
    static String trim(String s, VR vr) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        int start = 0;
        if (vr.kind() == VR.Kind.STRING && vr != VR.UC) {
            while (start < end && s.charAt(start) == ' ') {
                start++;
            }
        }
        return s.substring(start, end);
    }
}
