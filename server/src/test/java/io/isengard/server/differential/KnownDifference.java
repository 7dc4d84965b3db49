package io.isengard.server.differential;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.differential.Difference.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A difference the differential tests expect, with its reason: a path
 * pattern, the kinds of difference it covers, and optional conditions (on
 * the case name, on the values...), each described for the report.
 *
 * <p>A {@link Kind#ORTHANC_1_10} entry names the Orthanc release that
 * introduced the behaviour Isengard follows: it only applies while the
 * reference is older than that release, so that a newer Debian Orthanc turns
 * the entry off and the comparison becomes strict again.
 */
record KnownDifference(Kind kind, PathPattern path, Set<Type> types, String reason, OrthancVersion introducedIn,
        List<Condition> conditions) {

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

    /** A further condition on the difference, with how the report states it. */
    record Condition(String description, Predicate<Difference> test) {
    }

    static final Pattern TIMESTAMP = Pattern.compile("\\d{8}T\\d{6}");
    static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** Isengard follows the behaviour introduced by Orthanc {@code version}; older references differ. */
    static KnownDifference since(String version, String path, String reason, Type... types) {
        return new KnownDifference(Kind.ORTHANC_1_10, PathPattern.of(path), set(types), reason,
                OrthancVersion.parse(version), List.of());
    }

    static KnownDifference deliberate(String path, String reason, Type... types) {
        return new KnownDifference(Kind.DELIBERATE, PathPattern.of(path), set(types), reason, null, List.of());
    }

    /** Both values present, different, and both of the form {@code form}. */
    static KnownDifference volatileValue(String path, Pattern form, String reason) {
        return new KnownDifference(Kind.VOLATILE, PathPattern.of(path), EnumSet.of(Type.VALUE), reason, null,
                List.of()).when("both values match /" + form.pattern() + "/",
                        d -> matches(form, d.reference()) && matches(form, d.isengard()));
    }

    static KnownDifference bug(String path, String reason, Type... types) {
        return new KnownDifference(Kind.BUG, PathPattern.of(path), set(types), reason, null, List.of());
    }

    /** The same entry with one more condition. */
    KnownDifference when(String description, Predicate<Difference> test) {
        List<Condition> c = new ArrayList<>(conditions);
        c.add(new Condition(description, test));
        return new KnownDifference(kind, path, types, reason, introducedIn, List.copyOf(c));
    }

    /** Restricted to the cases whose name matches {@code regex} (found anywhere in it). */
    KnownDifference inCases(String regex) {
        Pattern p = Pattern.compile(regex);
        return when("in cases /" + regex + "/", d -> p.matcher(d.context()).find());
    }

    /** Restricted to differences where Isengard's value is a string matching {@code regex}. */
    KnownDifference whereIsengardSays(String regex) {
        Pattern p = Pattern.compile(regex);
        return when("where Isengard says /" + regex + "/", d -> matches(p, d.isengard()));
    }

    /**
     * Restricted to differences that name one of {@code ids} (in the case
     * name, the path or either value): what follows from a resource getting
     * another ID.
     */
    KnownDifference mentioning(Collection<String> ids, String what) {
        Set<String> s = Set.copyOf(ids);
        return when("mentioning " + what, d -> mentions(d, s));
    }

    private static boolean mentions(Difference d, Set<String> ids) {
        for (String id : ids) {
            if (d.context().contains(id) || d.path().contains(id)
                    || (d.reference() != null && d.reference().toString().contains(id))
                    || (d.isengard() != null && d.isengard().toString().contains(id))) {
                return true;
            }
        }
        return false;
    }

    boolean matches(Difference d, OrthancVersion reference) {
        if (introducedIn != null && !reference.isOlderThan(introducedIn)) {
            return false;
        }
        if (!types.contains(d.type()) || !path.matches(d.path())) {
            return false;
        }
        for (Condition c : conditions) {
            if (!c.test().test(d)) {
                return false;
            }
        }
        return true;
    }

    static boolean matches(Pattern p, JsonNode n) {
        return n != null && n.isTextual() && p.matcher(n.asText()).matches();
    }

    String describe() {
        StringBuilder sb = new StringBuilder("[").append(kind.label).append("] ").append(path);
        sb.append(" (").append(types.stream().map(t -> t.label).collect(Collectors.joining(", "))).append(")");
        conditions.forEach(c -> sb.append(" ").append(c.description()));
        if (introducedIn != null) {
            sb.append(" [Isengard follows ").append(introducedIn).append("+]");
        }
        return sb.append(": ").append(reason).toString();
    }

    private static Set<Type> set(Type... types) {
        return types.length == 0 ? EnumSet.allOf(Type.class) : EnumSet.of(types[0], types);
    }
}
