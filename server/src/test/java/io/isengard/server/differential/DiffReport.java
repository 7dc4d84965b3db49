package io.isengard.server.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;

/**
 * Collects the differences of one test: each is matched against the known
 * differences of its comparison (then {@link KnownDifferences#KNOWN_BUGS_TO_FIX});
 * {@link #finish()} prints the known ones grouped by entry and fails with the
 * full list of unexpected ones. Known bugs print loudly and fail only with
 * env ISENGARD_STRICT_DIFF=true.
 */
final class DiffReport {
    private static final int MAX_LISTED = 300;

    private final String title;
    private final OrthancVersion reference;
    private final List<KnownDifference> moreBugs;
    private final Map<KnownDifference, List<Difference>> known = new LinkedHashMap<>();
    private final List<Difference> unexpected = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int cases;

    DiffReport(String title, OrthancVersion reference) {
        this(title, reference, List.of());
    }

    /** {@code moreBugs}: known bugs found at run time (e.g. the IDs of {@link KnownDifferences#KNOWN_BUG_SAMPLES}). */
    DiffReport(String title, OrthancVersion reference, List<KnownDifference> moreBugs) {
        this.title = title;
        this.reference = reference;
        this.moreBugs = List.copyOf(moreBugs);
    }

    /** Compares one case; returns its unexpected differences (also kept for {@link #finish()}). */
    List<Difference> compare(String context, JsonNode ref, JsonNode isg, JsonDiff differ, List<KnownDifference> expected) {
        cases++;
        return classify(differ.compare(context, ref, isg), expected);
    }

    /** Compares two HTTP answers as {@link HttpAnswer#comparable()} objects. */
    List<Difference> compare(String context, HttpAnswer ref, HttpAnswer isg, JsonDiff differ,
            List<KnownDifference> expected) {
        return compare(context, ref, isg, differ, expected, HttpAnswer.COMPARED_HEADERS);
    }

    /** Compares two HTTP answers, with the headers {@code headers}. */
    List<Difference> compare(String context, HttpAnswer ref, HttpAnswer isg, JsonDiff differ,
            List<KnownDifference> expected, List<String> headers) {
        String type = isg.header("Content-Type");
        if (isg.isEmpty() != (type == null)) {
            classify(List.of(new Difference(context, List.of("Spec", "Content-Type iff body"), Difference.Type.VALUE,
                    TextNode.valueOf("a Content-Type exactly when there is a body (rest-core.md §1)"),
                    TextNode.valueOf("Content-Type " + type + " with " + isg.body().length + " bytes"))), expected);
        }
        return compare(context, ref.comparable(headers), isg.comparable(headers), differ, expected);
    }

    /**
     * A check of Isengard against the 1.12 spec where the reference cannot
     * serve (it follows 1.10): a failure is a difference at {@code /Spec/<name>}.
     */
    void expect(String context, String name, boolean ok, String expected, String actual) {
        cases++;
        if (!ok) {
            classify(List.of(new Difference(context, List.of("Spec", name), Difference.Type.VALUE,
                    TextNode.valueOf(expected), TextNode.valueOf(actual))), List.of());
        }
    }

    /** A line printed with the report (e.g. which behaviour a case saw). */
    void note(String line) {
        notes.add(line);
    }

    private List<Difference> classify(List<Difference> diffs, List<KnownDifference> expected) {
        List<Difference> bad = new ArrayList<>();
        for (Difference d : diffs) {
            KnownDifference k = find(d, expected);
            if (k == null) {
                k = find(d, KnownDifferences.NOT_FOLLOWED);
            }
            if (k == null) {
                k = find(d, KnownDifferences.KNOWN_BUGS_TO_FIX);
            }
            if (k == null) {
                k = find(d, moreBugs);
            }
            if (k == null) {
                unexpected.add(d);
                bad.add(d);
            } else {
                known.computeIfAbsent(k, x -> new ArrayList<>()).add(d);
            }
        }
        return bad;
    }

    private KnownDifference find(Difference d, List<KnownDifference> list) {
        for (KnownDifference k : list) {
            if (k.matches(d, reference)) {
                return k;
            }
        }
        return null;
    }

    int cases() {
        return cases;
    }

    /** Prints the report; fails on unexpected differences (and on known bugs when strict). */
    void finish() {
        StringBuilder out = new StringBuilder();
        out.append("\n=== differential: ").append(title).append(" — reference Orthanc ").append(reference)
                .append(", ").append(cases).append(" compared cases ===\n");
        notes.forEach(n -> out.append("  note: ").append(n).append('\n'));
        List<Difference> bugs = new ArrayList<>();
        known.forEach((k, l) -> {
            if (k.kind() == KnownDifference.Kind.BUG) {
                bugs.addAll(l);
                return;
            }
            out.append("  ").append(k.describe()).append("  ×").append(l.size()).append('\n');
            out.append("      e.g. ").append(l.get(0).describe()).append('\n');
        });
        if (!bugs.isEmpty()) {
            out.append("  !!!!!!!! KNOWN ISENGARD BUGS (KnownDifferences.KNOWN_BUGS_TO_FIX) — ")
                    .append("fail with ISENGARD_STRICT_DIFF=true !!!!!!!!\n");
            known.forEach((k, l) -> {
                if (k.kind() == KnownDifference.Kind.BUG) {
                    out.append("  !!! ").append(k.describe()).append("  ×").append(l.size()).append('\n');
                    l.stream().limit(5).forEach(d -> out.append("        ").append(d.describe()).append('\n'));
                }
            });
        }
        StringBuilder bad = new StringBuilder();
        if (!unexpected.isEmpty()) {
            bad.append("  UNEXPECTED DIFFERENCES: ").append(unexpected.size()).append('\n');
            unexpected.stream().limit(MAX_LISTED).forEach(d -> bad.append("    ").append(d.describe()).append('\n'));
            if (unexpected.size() > MAX_LISTED) {
                bad.append("    … and ").append(unexpected.size() - MAX_LISTED).append(" more\n");
            }
        }
        System.out.print(out.append(bad));
        System.out.flush();
        if (!unexpected.isEmpty()) {
            Assertions.fail(title + ": " + unexpected.size() + " unexpected difference(s) between Orthanc "
                    + reference + " and Isengard (the known ones are printed above):\n" + bad);
        }
        if (!bugs.isEmpty() && "true".equalsIgnoreCase(System.getenv("ISENGARD_STRICT_DIFF"))) {
            Assertions.fail(title + ": " + bugs.size() + " difference(s) listed in KNOWN_BUGS_TO_FIX "
                    + "(ISENGARD_STRICT_DIFF=true), see the report above");
        }
    }
}
