package io.isengard.dicom.json;

import java.math.BigDecimal;

/** JSON number text: checking the grammar of RFC 8259 §6 and normalising DICOM's looser decimal strings. */
public final class JsonNumbers {
    private JsonNumbers() {}

    /** True if {@code s} is a JSON number: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    public static boolean isJsonNumber(CharSequence s) {
        int n = s.length();
        int i = 0;
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        if (i >= n) {
            return false;
        }
        if (s.charAt(i) == '0') {
            i++;
        } else if (isDigit(s.charAt(i))) {
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
        } else {
            return false;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        return i == n;
    }

    /**
     * The JSON spelling of a DICOM decimal or integer string ("+1", "1.", ".5",
     * "007"), or null if it is no number at all. Valid JSON is kept verbatim so
     * that no digit is lost.
     */
    public static String fromDecimalString(String s) {
        String t = s.strip();
        if (isJsonNumber(t)) {
            return t;
        }
        try {
            BigDecimal d = new BigDecimal(t.startsWith("+") ? t.substring(1) : t);
            String plain = d.toString();
            return isJsonNumber(plain) ? plain : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
