package io.isengard.dicom;

/**
 * DICOM attribute tags as {@code int}s, {@code (group << 16) | element},
 * compared unsigned. A few tags the codec itself needs are named here; the
 * whole PS3.6 dictionary lives in {@code io.isengard.dicom.dictionary}.
 */
public final class Tag {
    public static final int FileMetaInformationGroupLength = 0x00020000;
    public static final int MediaStorageSOPClassUID = 0x00020002;
    public static final int MediaStorageSOPInstanceUID = 0x00020003;
    public static final int TransferSyntaxUID = 0x00020010;
    public static final int ImplementationClassUID = 0x00020012;
    public static final int ImplementationVersionName = 0x00020013;
    public static final int FileMetaInformationVersion = 0x00020001;
    public static final int SourceApplicationEntityTitle = 0x00020016;
    public static final int SpecificCharacterSet = 0x00080005;
    public static final int SOPClassUID = 0x00080016;
    public static final int SOPInstanceUID = 0x00080018;
    public static final int PixelData = 0x7FE00010;
    public static final int FloatPixelData = 0x7FE00008;
    public static final int DoubleFloatPixelData = 0x7FE00009;
    public static final int Item = 0xFFFEE000;
    public static final int ItemDelimitationItem = 0xFFFEE00D;
    public static final int SequenceDelimitationItem = 0xFFFEE0DD;

    private Tag() {}

    public static int of(int group, int element) {
        return (group << 16) | (element & 0xFFFF);
    }

    public static int group(int tag) {
        return tag >>> 16;
    }

    public static int element(int tag) {
        return tag & 0xFFFF;
    }

    /** True for tags of odd groups other than 0001, 0003, 0005, 0007 and FFFF (PS3.5 §7.8). */
    public static boolean isPrivate(int tag) {
        int g = group(tag);
        return (g & 1) == 1 && g > 0x0007 && g != 0xFFFF;
    }

    /** True for private creator elements (gggg,0010-00FF) of a private group. */
    public static boolean isPrivateCreator(int tag) {
        int e = element(tag);
        return isPrivate(tag) && e >= 0x0010 && e <= 0x00FF;
    }

    /** The private creator element that reserves the block of a private tag: (gggg,00xx) for (gggg,xxyy). */
    public static int privateCreatorOf(int tag) {
        return (tag & 0xFFFF0000) | ((tag >>> 8) & 0xFF);
    }

    /** True for group length elements (gggg,0000). */
    public static boolean isGroupLength(int tag) {
        return element(tag) == 0;
    }

    /** Compares tags as unsigned 32-bit numbers, which is DICOM's order. */
    public static int compare(int a, int b) {
        return Integer.compareUnsigned(a, b);
    }

    /** Orthanc's and DCMTK's spelling, lower-case {@code gggg,eeee}. */
    public static String toString(int tag) {
        return hex4(group(tag)) + "," + hex4(element(tag));
    }

    /** DICOM JSON's spelling, upper-case {@code GGGGEEEE}. */
    public static String toJsonKey(int tag) {
        return String.format("%08X", tag);
    }

    private static String hex4(int v) {
        String s = Integer.toHexString(v);
        return "0000".substring(s.length()) + s;
    }

    /**
     * Parses {@code gggg,eeee}, {@code gggg-eeee}, {@code (gggg,eeee)} or
     * {@code ggggeeee} (hexadecimal, either case); returns -1 if the text is none of these.
     */
    public static long parse(String text) {
        String s = text.strip();
        if (s.startsWith("(") && s.endsWith(")")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.length() == 9 && (s.charAt(4) == ',' || s.charAt(4) == '-')) {
            s = s.substring(0, 4) + s.substring(5);
        }
        if (s.length() != 8) {
            return -1;
        }
        for (int i = 0; i < 8; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return -1;
            }
        }
        return Long.parseLong(s, 16);
    }
}
