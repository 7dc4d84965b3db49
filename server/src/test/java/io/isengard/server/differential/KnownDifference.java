package io.isengard.server.differential;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.differential.Difference.Type;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * A difference the differential tests expect, with its reason: a path
 * pattern, the kinds of difference it covers, optionally the cases
 * (regular expression over the case name) and, for values that legitimately
 * vary, a pattern both values must match.
 *
 * <p>A {@link Kind#ORTHANC_1_10} entry names the Orthanc release that
 * introduced the behaviour Isengard follows: it only applies while the
 * reference is older than that release, so that a newer Debian Orthanc turns
 * the entry off and the comparison becomes strict again.
 */
record KnownDifference(Kind kind, PathPattern path, Set<Type> types, String reason, OrthancVersion introducedIn,
        Pattern contextPattern, Pattern bothValuesMatch, Pattern isengardValue) {

    enum Kind {
        /** Isengard follows Orthanc 1.12 where the reference (1.10.1) behaves differently, per the spec. */
        ORTHANC_1_10("1.10 diff"),
        /** Isengard differs on purpose (its own identity, more informative details...). */
        DELIBERATE("Isengard deliberate"),
        /** Values that differ on every run (timestamps, UUIDs): only their form is compared. */
        VOLATILE("volatile value"),
        /** An Isengard bug not fixed yet: see {@link KnownDifferences#KNOWN_BUGS_TO_FIX}. */
        BUG("known bug to fix");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    static final Pattern TIMESTAMP = Pattern.compile("\\d{8}T\\d{6}");
    static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** Isengard follows the behaviour introduced by Orthanc {@code version}; older references differ. */
    static KnownDifference since(String version, String path, String reason, Type... types) {
        return new KnownDifference(Kind.ORTHANC_1_10, PathPattern.of(path), set(types), reason,
                OrthancVersion.parse(version), null, null, null);
    }

    static KnownDifference deliberate(String path, String reason, Type... types) {
        return new KnownDifference(Kind.DELIBERATE, PathPattern.of(path), set(types), reason, null, null, null, null);
    }

    /** Both values present, different, and both of the form {@code form}. */
    static KnownDifference volatileValue(String path, Pattern form, String reason) {
        return new KnownDifference(Kind.VOLATILE, PathPattern.of(path), EnumSet.of(Type.VALUE), reason, null, null,
                form, null);
    }

    static KnownDifference bug(String path, String reason, Type... types) {
        return new KnownDifference(Kind.BUG, PathPattern.of(path), set(types), reason, null, null, null, null);
    }

    /** The same entry, restricted to the cases whose name matches {@code regex} (found anywhere in it). */
    KnownDifference inCases(String regex) {
        return new KnownDifference(kind, path, types, reason, introducedIn, Pattern.compile(regex), bothValuesMatch,
                isengardValue);
    }

    /** The same entry, restricted to differences where Isengard's value is a string matching {@code regex}. */
    KnownDifference whereIsengardSays(String regex) {
        return new KnownDifference(kind, path, types, reason, introducedIn, contextPattern, bothValuesMatch,
                Pattern.compile(regex));
    }

    boolean matches(Difference d, OrthancVersion reference) {
        if (introducedIn != null && !reference.isOlderThan(introducedIn)) {
            return false;
        }
        if (!types.contains(d.type()) || !path.matches(d.path())) {
            return false;
        }
        if (contextPattern != null && !contextPattern.matcher(d.context()).find()) {
            return false;
        }
        if (isengardValue != null && !matches(isengardValue, d.isengard())) {
            return false;
        }
        return bothValuesMatch == null || (matches(bothValuesMatch, d.reference()) && matches(bothValuesMatch,
                d.isengard()));
    }

    private static boolean matches(Pattern p, JsonNode n) {
        return n != null && n.isTextual() && p.matcher(n.asText()).matches();
    }

    String describe() {
        StringBuilder sb = new StringBuilder("[").append(kind.label).append("] ").append(path);
        sb.append(" (").append(types.stream().map(t -> t.label).collect(Collectors.joining(", "))).append(")");
        if (contextPattern != null) {
            sb.append(" in cases /").append(contextPattern.pattern()).append("/");
        }
        if (isengardValue != null) {
            sb.append(" where Isengard says /").append(isengardValue.pattern()).append("/");
        }
        if (introducedIn != null) {
            sb.append(" [Isengard follows ").append(introducedIn).append("+]");
        }
        return sb.append(": ").append(reason).toString();
    }

    private static Set<Type> set(Type... types) {
        return types.length == 0 ? EnumSet.allOf(Type.class) : EnumSet.of(types[0], types);
    }
}
