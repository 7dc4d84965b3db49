package io.isengard.dicom.dictionary;

/** Removes the padding DICOM values carry to reach even length. */
final class Padding {
    private Padding() {}

    /**
     * Strips trailing spaces (text VRs) and NULs (UI, and writers that pad
     * text with NUL by mistake); both are insignificant in creators and UIDs.
     */
    static String strip(String value) {
        int end = value.length();
        while (end > 0 && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\0')) {
            end--;
        }
        return end == value.length() ? value : value.substring(0, end);
    }
}
