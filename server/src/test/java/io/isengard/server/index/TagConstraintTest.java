package io.isengard.server.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isengard.dicom.VR;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The matching rules of /tools/find per VR (rest-core.md §9). */
class TagConstraintTest {
    private static final int PATIENT_NAME = 0x00100010;
    private static final int STUDY_DATE = 0x00080020;
    private static final int STUDY_TIME = 0x00080030;
    private static final int STUDY_UID = 0x0020000D;

    private static TagConstraint parse(int tag, VR vr, String value) {
        return TagConstraint.parse(tag, vr, value);
    }

    @Test
    void emptyValueIsUniversal() {
        assertThat(parse(PATIENT_NAME, VR.PN, "")).isNull();
    }

    @Test
    void rangesOnlyForDatesAndTimes() {
        assertThat(parse(STUDY_DATE, VR.DA, "20061201-20070101")).isEqualTo(new TagConstraint.Range("20061201",
                "20070101"));
        assertThat(parse(STUDY_DATE, VR.DA, "20061201-")).isEqualTo(new TagConstraint.Range("20061201", null));
        assertThat(parse(STUDY_TIME, VR.TM, "-120000")).isEqualTo(new TagConstraint.Range(null, "120000"));
        assertThat(parse(0x0008002A, VR.DT, "2006-2007")).isInstanceOf(TagConstraint.Range.class);
        // a dash elsewhere is a character like the others
        assertThat(parse(PATIENT_NAME, VR.PN, "Test-A")).isEqualTo(new TagConstraint.Equal("Test-A"));
        TagConstraint r = parse(STUDY_DATE, VR.DA, "20061201-20070101");
        assertThat(r.matches("20061201", false)).isTrue();
        assertThat(r.matches("20070101", false)).isTrue();
        assertThat(r.matches("20070102", false)).isFalse();
        assertThat(r.matches("20061130", false)).isFalse();
        assertThat(parse(STUDY_DATE, VR.DA, "-20061201").matches("19990101", false)).isTrue();
    }

    @Test
    void listsWithBackslash() {
        TagConstraint l = parse(PATIENT_NAME, VR.PN, "BRAINIX\\KNIX\\NOPE");
        assertThat(l).isEqualTo(new TagConstraint.AnyOf(List.of("BRAINIX", "KNIX", "NOPE")));
        assertThat(l.matches("knix", false)).isTrue();
        assertThat(l.matches("knix", true)).isFalse();
        assertThat(l.matches("KNIX2", false)).isFalse();
        // list items are exact values, wildcards included
        assertThat(parse(STUDY_UID, VR.UI, "1.2\\1.3").matches("1.3", true)).isTrue();
        assertThat(parse(PATIENT_NAME, VR.PN, "Test-ÉÜÄÖÒ\\nope").matches("Test-éüäöò", false)).isTrue();
        // a list of dates, without a dash, is a list
        assertThat(parse(STUDY_DATE, VR.DA, "20040304\\20070101")).isInstanceOf(TagConstraint.AnyOf.class);
    }

    @Test
    void wildcardsOnTextVrsOnly() {
        for (VR vr : List.of(VR.AE, VR.CS, VR.LO, VR.LT, VR.PN, VR.SH, VR.ST, VR.UC, VR.UR, VR.UT)) {
            assertThat(parse(PATIENT_NAME, vr, "K*")).as(vr.name()).isInstanceOf(TagConstraint.Wildcard.class);
        }
        for (VR vr : List.of(VR.DA, VR.UI, VR.IS, VR.DS, VR.TM, VR.AS)) {
            assertThatThrownBy(() -> parse(STUDY_DATE, vr, "2007*")).as(vr.name())
                    .isInstanceOfSatisfying(OrthancException.class, e -> {
                        assertThat(e.error()).isEqualTo(ErrorCode.ParameterOutOfRange);
                        assertThat(e.details()).isEqualTo("Wildcards are not allowed on tag 0008,0020");
                    });
        }
    }

    @Test
    void wildcardMatchingIsOnTheWholeValue() {
        assertThat(new TagConstraint.Wildcard("K*").matches("KNIX", true)).isTrue();
        assertThat(new TagConstraint.Wildcard("K*").matches("AKNIX", true)).isFalse();
        assertThat(new TagConstraint.Wildcard("*NI*").matches("KNIX", true)).isTrue();
        assertThat(new TagConstraint.Wildcard("?NIX").matches("KNIX", true)).isTrue();
        assertThat(new TagConstraint.Wildcard("?NIX").matches("NIX", true)).isFalse();
        assertThat(new TagConstraint.Wildcard("*").matches("", true)).isTrue();
        assertThat(new TagConstraint.Wildcard("a*b*c").matches("aXXbYYc", true)).isTrue();
        assertThat(new TagConstraint.Wildcard("a*b*c").matches("aXXbYY", true)).isFalse();
        // brackets are literal (rest-core.md §9)
        assertThat(new TagConstraint.Wildcard("MyName[*]").matches("MyName[*]", true)).isTrue();
        assertThat(new TagConstraint.Wildcard("MyName[*]").matches("MyName[x]", true)).isTrue();
        assertThat(new TagConstraint.Wildcard("MyName2[*]").matches("MyName2[]", true)).isTrue();
        assertThat(new TagConstraint.Wildcard("MyName[*]").matches("MyNamex", true)).isFalse();
        // '?' is one character, even outside the BMP
        assertThat(new TagConstraint.Wildcard("a?b").matches("a\uD83D\uDE00b", true)).isTrue();
        assertThat(new TagConstraint.Wildcard("*".repeat(40) + "x").matches("a".repeat(5000), true)).isFalse();
    }

    @Test
    void caseFoldingIsUnicodeAwareWithoutAccentStripping() {
        assertThat(new TagConstraint.Wildcard("TeSt-É*").matches("Test-éüäöò", false)).isTrue();
        assertThat(new TagConstraint.Wildcard("TeSt*").matches("Test-éüäöò", true)).isFalse();
        assertThat(new TagConstraint.Equal("ozp00sjy2xg").matches("ozp00SjY2xG", false)).isTrue();
        assertThat(new TagConstraint.Equal("e").matches("é", false)).isFalse();
        assertThat(CaseFolding.upper("straße")).isEqualTo("STRAßE"); // one code point stays one
        assertThat(CaseFolding.upper("KNIX")).isSameAs("KNIX".intern());
    }

    @Test
    void sequencesCannotBeConstrained() {
        assertThatThrownBy(() -> parse(0x00081110, VR.SQ, "x")).isInstanceOfSatisfying(OrthancException.class,
                e -> assertThat(e.error()).isEqualTo(ErrorCode.ParameterOutOfRange));
    }

    @Test
    void literalPrefixStopsAtTheFirstWildcard() {
        assertThat(new TagConstraint.Wildcard("KN?X*").literalPrefix()).isEqualTo("KN");
        assertThat(new TagConstraint.Wildcard("*X").literalPrefix()).isEmpty();
    }
}
