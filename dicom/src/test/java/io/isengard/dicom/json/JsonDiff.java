package io.isengard.dicom.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/** Structural comparison of parsed JSON values, reporting each difference with its path. */
final class JsonDiff {
    private final List<String> differences = new ArrayList<>();
    private final BiPredicate<String, Object[]> tolerated;

    private JsonDiff(BiPredicate<String, Object[]> tolerated) {
        this.tolerated = tolerated;
    }

    /** Differences between {@code expected} and {@code actual}; numbers compare by value. */
    static List<String> diff(Object expected, Object actual) {
        return diff(expected, actual, (path, pair) -> false);
    }

    /**
     * Differences, except those {@code tolerated} accepts: it gets the path and
     * {expected, actual} of each difference found at a leaf or a missing member.
     */
    static List<String> diff(Object expected, Object actual, BiPredicate<String, Object[]> tolerated) {
        JsonDiff d = new JsonDiff(tolerated);
        d.compare("$", expected, actual);
        return d.differences;
    }

    @SuppressWarnings("unchecked")
    private void compare(String path, Object e, Object a) {
        if (e instanceof Map<?, ?> em && a instanceof Map<?, ?> am) {
            TreeSet<String> keys = new TreeSet<>();
            em.keySet().forEach(k -> keys.add((String) k));
            am.keySet().forEach(k -> keys.add((String) k));
            for (String k : keys) {
                String p = path + "[\"" + k + "\"]";
                if (!em.containsKey(k)) {
                    report(p, "unexpected member", null, am.get(k));
                } else if (!am.containsKey(k)) {
                    report(p, "missing member", em.get(k), null);
                } else {
                    compare(p, em.get(k), am.get(k));
                }
            }
        } else if (e instanceof List<?> el && a instanceof List<?> al) {
            if (el.size() != al.size()) {
                report(path, "array sizes differ (" + el.size() + " vs " + al.size() + ")", e, a);
                return;
            }
            for (int i = 0; i < el.size(); i++) {
                compare(path + "[" + i + "]", el.get(i), al.get(i));
            }
        } else if (e instanceof BigDecimal x && a instanceof BigDecimal y) {
            if (x.compareTo(y) != 0) {
                report(path, "numbers differ", e, a);
            }
        } else if (!Objects.equals(e, a)) {
            report(path, "values differ", e, a);
        }
    }

    private void report(String path, String what, Object e, Object a) {
        if (!tolerated.test(path, new Object[] {e, a})) {
            differences.add(path + ": " + what + ": expected " + abbreviate(e) + " but was " + abbreviate(a));
        }
    }

    private static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
