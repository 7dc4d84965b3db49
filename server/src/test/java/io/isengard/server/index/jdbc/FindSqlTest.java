package io.isengard.server.index.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How DICOM wildcards and prefixes become SQL (docs/find.md). */
class FindSqlTest {
    @Test
    void globQuotesOnlyTheBracket() {
        assertThat(FindSql.glob("My[*]?")).isEqualTo("My[[]*]?");
    }

    @Test
    void likeTurnsWildcardsAndEscapesItsOwn() {
        assertThat(FindSql.like("a*b?c%d_e\\f")).isEqualTo("a%b_c\\%d\\_e\\\\f");
    }

    @Test
    void successorBoundsEveryStringWithThePrefix() {
        assertThat(FindSql.successor("KN")).isEqualTo("KO");
        assertThat(FindSql.successor("")).isNull();
        assertThat(FindSql.successor("a\uD7FF")).isEqualTo("a\uE000"); // skips the surrogates
        assertThat(FindSql.successor("a" + new String(Character.toChars(0x10FFFF)))).isNull();
        assertThat(FindSql.successor("a\uD83D\uDE00")).isEqualTo("a\uD83D\uDE01");
        assertThat("KNIX").isGreaterThanOrEqualTo("KN").isLessThan(FindSql.successor("KN"));
    }
}
