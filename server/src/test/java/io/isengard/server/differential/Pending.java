package io.isengard.server.differential;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;

/**
 * Routes that exist in Orthanc but not yet in Isengard: the comparison is
 * written and skipped visibly until the route lands (then it runs, strict).
 */
final class Pending {
    private Pending() {}

    /**
     * Aborts the test when Isengard answered "no such route" (404 with the
     * JSON error body of OrthancStatus 17, rest-core.md §1).
     */
    static void requireRoute(HttpAnswer isengard, String route) {
        Assumptions.assumeFalse(isUnknownRoute(isengard),
                () -> "PENDING: Isengard has no " + route + " yet (being written on branch server); "
                        + "this comparison runs as soon as it lands");
    }

    /**
     * Aborts the test while this tree's data dictionary is the placeholder
     * (branch dict not merged): without tag names and VRs, implicit VR files
     * get other IDs and main tags other keys, so sample comparisons would
     * only report that.
     */
    static void requireDictionary() {
        Assumptions.assumeTrue(io.isengard.dicom.dictionary.ElementDictionary.lookup(0x00100010) != null,
                "PENDING: the data dictionary of this tree is the placeholder (branch dict not merged); "
                        + "sample comparisons run once it lands");
    }

    static boolean isUnknownRoute(HttpAnswer a) {
        JsonNode body = a.jsonOrNull();
        return a.status() == 404 && body != null && body.path("OrthancStatus").asInt() == 17;
    }
}
