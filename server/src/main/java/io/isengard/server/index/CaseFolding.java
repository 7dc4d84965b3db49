package io.isengard.server.index;

/**
 * The upper-casing /tools/find compares with when it is not case-sensitive:
 * code point by code point (so "ß" stays one character and a '?' wildcard
 * still matches exactly one), Unicode-aware (accented letters fold too), no
 * accent stripping. The index keeps every main tag folded this way.
 */
public final class CaseFolding {
    private CaseFolding() {}

    public static String upper(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int up = Character.toUpperCase(cp);
            if (up != cp && sb == null) {
                sb = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (sb != null) {
                sb.appendCodePoint(up);
            }
            i += Character.charCount(cp);
        }
        return sb == null ? s : sb.toString();
    }
}
