package io.isengard.server.differential;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Orthanc version as /system reports it: {@code major.minor.revision}, or
 * {@code "mainline"} (newer than every release, rest-core.md §0).
 */
record OrthancVersion(int major, int minor, int revision) implements Comparable<OrthancVersion> {
    static final OrthancVersion MAINLINE = new OrthancVersion(Integer.MAX_VALUE, 0, 0);
    private static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    static OrthancVersion parse(String s) {
        if ("mainline".equals(s)) {
            return MAINLINE;
        }
        Matcher m = RELEASE.matcher(s == null ? "" : s);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an Orthanc version (major.minor.revision or mainline): " + s);
        }
        return new OrthancVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
    }

    boolean isOlderThan(OrthancVersion other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(OrthancVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(revision, o.revision);
    }

    @Override
    public String toString() {
        return this == MAINLINE || major == Integer.MAX_VALUE ? "mainline" : major + "." + minor + "." + revision;
    }
}
