package io.isengard.server.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Orthanc identifiers (resources.md §2): SHA-1 of the identifying tags joined
 * by "|", as 40 lower-case hex digits in five dash-separated groups of 8.
 */
public final class OrthancId {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private OrthancId() {}

    public static String patient(String patientId) {
        return hash(patientId);
    }

    public static String study(String patientId, String studyUid) {
        return hash(patientId + "|" + studyUid);
    }

    public static String series(String patientId, String studyUid, String seriesUid) {
        return hash(patientId + "|" + studyUid + "|" + seriesUid);
    }

    public static String instance(String patientId, String studyUid, String seriesUid, String sopUid) {
        return hash(patientId + "|" + studyUid + "|" + seriesUid + "|" + sopUid);
    }

    /** The formatted SHA-1 of a string's UTF-8 bytes. */
    public static String hash(String text) {
        byte[] d;
        try {
            d = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
        StringBuilder sb = new StringBuilder(44);
        for (int i = 0; i < d.length; i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append('-');
            }
            sb.append(HEX[(d[i] >> 4) & 0xF]).append(HEX[d[i] & 0xF]);
        }
        return sb.toString();
    }

    /** True if the text has the shape of an Orthanc identifier. */
    public static boolean isWellFormed(String text) {
        if (text == null || text.length() != 44) {
            return false;
        }
        for (int i = 0; i < 44; i++) {
            char c = text.charAt(i);
            boolean dash = i % 9 == 8;
            if (dash ? c != '-' : Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
