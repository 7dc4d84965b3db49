package io.isengard.server.index;

import io.isengard.dicom.VR;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.util.ArrayList;
import java.util.List;

/**
 * One constraint of a /tools/find query on a tag's value (rest-core.md §9):
 * a range (DA, DT, TM with '-'), a list (values separated by '\'), a
 * wildcard pattern ('*' any run, '?' one character; VRs of text only) or an
 * exact value. Matching is on the whole value; without case sensitivity
 * both sides are folded by {@link CaseFolding}.
 */
public sealed interface TagConstraint {

    /** True if a stored value satisfies the constraint. */
    boolean matches(String value, boolean caseSensitive);

    record Equal(String value) implements TagConstraint {
        @Override
        public boolean matches(String v, boolean caseSensitive) {
            return caseSensitive ? v.equals(value) : CaseFolding.upper(v).equals(CaseFolding.upper(value));
        }
    }

    record AnyOf(List<String> values) implements TagConstraint {
        @Override
        public boolean matches(String v, boolean caseSensitive) {
            for (String item : values) {
                if (new Equal(item).matches(v, caseSensitive)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Inclusive at both ends; a null end is open. Compared as strings (dates and times sort as text). */
    record Range(String lower, String upper) implements TagConstraint {
        @Override
        public boolean matches(String v, boolean caseSensitive) {
            return (lower == null || v.compareTo(lower) >= 0) && (upper == null || v.compareTo(upper) <= 0);
        }
    }

    record Wildcard(String pattern) implements TagConstraint {
        @Override
        public boolean matches(String v, boolean caseSensitive) {
            return caseSensitive ? glob(pattern, v) : glob(CaseFolding.upper(pattern), CaseFolding.upper(v));
        }

        /** The characters before the first wildcard: values that match start with them. */
        public String literalPrefix() {
            int i = 0;
            while (i < pattern.length() && pattern.charAt(i) != '*' && pattern.charAt(i) != '?') {
                i++;
            }
            return pattern.substring(0, i);
        }

        /** '*' and '?' over code points, iteratively (no backtracking blow-up on many stars). */
        static boolean glob(String pattern, String value) {
            int[] p = pattern.codePoints().toArray();
            int[] s = value.codePoints().toArray();
            int pi = 0;
            int si = 0;
            int star = -1;
            int mark = 0;
            while (si < s.length) {
                if (pi < p.length && (p[pi] == '?' || (p[pi] != '*' && p[pi] == s[si]))) {
                    pi++;
                    si++;
                } else if (pi < p.length && p[pi] == '*') {
                    star = pi++;
                    mark = si;
                } else if (star >= 0) {
                    pi = star + 1;
                    si = ++mark;
                } else {
                    return false;
                }
            }
            while (pi < p.length && p[pi] == '*') {
                pi++;
            }
            return pi == p.length;
        }
    }

    /** VRs on which Orthanc accepts '*' and '?'. */
    static boolean allowsWildcards(VR vr) {
        return switch (vr) {
            case AE, CS, LO, LT, PN, SH, ST, UC, UR, UT -> true;
            default -> false;
        };
    }

    /**
     * The constraint a query value means for a tag of that VR, in Orthanc's
     * order: range, list, wildcard, exact. Null for the empty value, which
     * matches everything (even resources without the tag).
     */
    static TagConstraint parse(int tag, VR vr, String value) {
        if (value.isEmpty()) {
            return null;
        }
        if (vr == VR.SQ) {
            throw new OrthancException(ErrorCode.ParameterOutOfRange, "Cannot constrain a sequence: tag "
                    + io.isengard.dicom.Tag.toString(tag));
        }
        boolean dateOrTime = vr == VR.DA || vr == VR.DT || vr == VR.TM;
        int dash = value.indexOf('-');
        if (dateOrTime && dash >= 0) {
            String lower = value.substring(0, dash);
            String upper = value.substring(dash + 1);
            return new Range(lower.isEmpty() ? null : lower, upper.isEmpty() ? null : upper);
        }
        if (value.indexOf('\\') >= 0) {
            List<String> items = new ArrayList<>();
            for (String item : value.split("\\\\", -1)) {
                items.add(item);
            }
            return new AnyOf(List.copyOf(items));
        }
        if (value.indexOf('*') >= 0 || value.indexOf('?') >= 0) {
            if (!allowsWildcards(vr)) {
                throw new OrthancException(ErrorCode.ParameterOutOfRange, "Wildcards are not allowed on tag "
                        + io.isengard.dicom.Tag.toString(tag));
            }
            return new Wildcard(value);
        }
        return new Equal(value);
    }
}
