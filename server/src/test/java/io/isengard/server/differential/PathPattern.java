package io.isengard.server.differential;

import java.util.List;

/**
 * A pattern over JSON paths written like {@code /Body/**}{@code /LastUpdate}:
 * segments separated by '/', {@code *} matches one segment, {@code a|b} either
 * of two, {@code **} any
 * number of segments (zero included). Paths are lists of segments so that
 * values containing '/' (e.g. "Path" members used as keys) stay one segment.
 */
record PathPattern(String text, List<String> segments) {
    static PathPattern of(String text) {
        if (!text.startsWith("/") && !text.startsWith("**")) {
            throw new IllegalArgumentException("a path pattern starts with '/' or '**': " + text);
        }
        List<String> s = java.util.Arrays.stream(text.split("/")).filter(x -> !x.isEmpty()).toList();
        return new PathPattern(text, s);
    }

    boolean matches(List<String> path) {
        return matches(0, path, 0);
    }

    private boolean matches(int i, List<String> path, int j) {
        if (i == segments.size()) {
            return j == path.size();
        }
        String s = segments.get(i);
        if (s.equals("**")) {
            for (int k = j; k <= path.size(); k++) {
                if (matches(i + 1, path, k)) {
                    return true;
                }
            }
            return false;
        }
        if (j == path.size()) {
            return false;
        }
        return segmentMatches(s, path.get(j)) && matches(i + 1, path, j + 1);
    }

    /** {@code *} matches any segment; {@code a|b} matches either. */
    private static boolean segmentMatches(String pattern, String segment) {
        if (pattern.equals("*") || pattern.equals(segment)) {
            return true;
        }
        for (String alternative : pattern.split("\\|")) {
            if (alternative.equals(segment)) {
                return true;
            }
        }
        return false;
    }

    /** How reports write a path. */
    static String render(List<String> path) {
        return path.isEmpty() ? "/" : "/" + String.join("/", path);
    }

    @Override
    public String toString() {
        return text;
    }
}
