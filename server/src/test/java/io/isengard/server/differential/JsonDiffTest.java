package io.isengard.server.differential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.differential.Difference.Type;
import io.isengard.server.rest.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison machinery itself: every difference with its path, unordered arrays, known differences. */
class JsonDiffTest {
    private static final OrthancVersion V1_10 = OrthancVersion.parse("1.10.1");

    private static JsonNode json(String s) throws Exception {
        return Json.MAPPER.readTree(s.replace('\'', '"'));
    }

    private static List<String> describe(List<Difference> diffs) {
        return diffs.stream().map(d -> d.pathText() + " " + d.type()).toList();
    }

    @Test
    void reportsEveryDifferenceWithItsPath() throws Exception {
        List<Difference> d = JsonDiff.ordered().compare("case",
                json("{'a':1,'b':{'c':'x','d':[1,2,3]},'e':true}"),
                json("{'a':1.0,'b':{'c':'y','d':[1,3]},'f':null}"));
        assertThat(describe(d)).containsExactly("/b/c VALUE", "/b/d/1 VALUE", "/b/d/2 ONLY_IN_REFERENCE",
                "/e ONLY_IN_REFERENCE", "/f ONLY_IN_ISENGARD");
    }

    @Test
    void numbersCompareByValueButNotWithStrings() throws Exception {
        assertThat(JsonDiff.ordered().compare("c", json("{'a':5}"), json("{'a':5}"))).isEmpty();
        assertThat(describe(JsonDiff.ordered().compare("c", json("{'a':5}"), json("{'a':'5'}"))))
                .containsExactly("/a VALUE");
    }

    @Test
    void unorderedArraysCompareAsMultisets() throws Exception {
        JsonDiff differ = JsonDiff.ordered().unordered("**/Instances");
        assertThat(differ.compare("c", json("{'Instances':['a','b','b']}"), json("{'Instances':['b','a','b']}")))
                .isEmpty();
        assertThat(describe(differ.compare("c", json("{'Instances':['a','b']}"), json("{'Instances':['b','c']}"))))
                .containsExactly("/Instances/a ONLY_IN_REFERENCE", "/Instances/c ONLY_IN_ISENGARD");
        assertThat(describe(differ.compare("c", json("{'Instances':['a','b']}"), json("{'Instances':['a','b','b']}"))))
                .containsExactly("/Instances/b ONLY_IN_ISENGARD");
    }

    @Test
    void arraysOfObjectsMatchByKey() throws Exception {
        JsonDiff differ = JsonDiff.ordered().unorderedBy("/Body", "ID");
        List<Difference> d = differ.compare("c", json("{'Body':[{'ID':'x','v':1},{'ID':'y','v':2}]}"),
                json("{'Body':[{'ID':'y','v':3},{'ID':'x','v':1}]}"));
        assertThat(describe(d)).containsExactly("/Body/y/v VALUE");
    }

    @Test
    void pathPatterns() {
        PathPattern p = PathPattern.of("/Body/**/MainDicomTags/PatientName|0010,0010");
        assertThat(p.matches(List.of("Body", "MainDicomTags", "PatientName"))).isTrue();
        assertThat(p.matches(List.of("Body", "x", "y", "MainDicomTags", "0010,0010"))).isTrue();
        assertThat(p.matches(List.of("Body", "MainDicomTags", "PatientID"))).isFalse();
        assertThat(p.matches(List.of("MainDicomTags", "PatientName"))).isFalse();
        assertThat(PathPattern.of("/Changes/*/Date").matches(List.of("Changes", "3", "Date"))).isTrue();
        assertThat(PathPattern.of("/Changes/*/Date").matches(List.of("Changes", "Date"))).isFalse();
    }

    @Test
    void knownDifferencesMatchOnPathTypeVersionCaseAndValues() throws Exception {
        KnownDifference labels = KnownDifference.since("1.12.0", "**/Labels", "r", Type.ONLY_IN_ISENGARD);
        Difference onlyIsengard = new Difference("GET /x", List.of("Body", "Labels"), Type.ONLY_IN_ISENGARD, null,
                json("[]"));
        assertThat(labels.matches(onlyIsengard, V1_10)).isTrue();
        assertThat(labels.matches(onlyIsengard, OrthancVersion.parse("1.12.0"))).isFalse();
        assertThat(labels.matches(new Difference("GET /x", List.of("Body", "Labels"), Type.ONLY_IN_REFERENCE,
                json("[]"), null), V1_10)).isFalse();
        assertThat(labels.inCases("^POST ").matches(onlyIsengard, V1_10)).isFalse();

        KnownDifference stamp = KnownDifference.volatileValue("**/LastUpdate", KnownDifference.TIMESTAMP, "r");
        assertThat(stamp.matches(new Difference("c", List.of("LastUpdate"), Type.VALUE, json("'20240101T000000'"),
                json("'20240101T000001'")), V1_10)).isTrue();
        assertThat(stamp.matches(new Difference("c", List.of("LastUpdate"), Type.VALUE, json("'20240101T000000'"),
                json("'yesterday'")), V1_10)).isFalse();

        KnownDifference textPlain = KnownDifference.deliberate("/Headers/Content-Type", "r", Type.ONLY_IN_ISENGARD)
                .whereIsengardSays("text/plain");
        assertThat(textPlain.matches(new Difference("c", List.of("Headers", "Content-Type"), Type.ONLY_IN_ISENGARD,
                null, json("'text/plain'")), V1_10)).isTrue();
        assertThat(textPlain.matches(new Difference("c", List.of("Headers", "Content-Type"), Type.ONLY_IN_ISENGARD,
                null, json("'application/json'")), V1_10)).isFalse();
    }

    @Test
    void versions() {
        assertThat(OrthancVersion.parse("1.10.1").isOlderThan(OrthancVersion.parse("1.12.0"))).isTrue();
        assertThat(OrthancVersion.parse("1.12.10").isOlderThan(OrthancVersion.parse("1.12.9"))).isFalse();
        assertThat(OrthancVersion.parse("mainline").isOlderThan(OrthancVersion.parse("9.0.0"))).isFalse();
        assertThat(OrthancVersion.parse("1.12.11")).hasToString("1.12.11");
    }
}
