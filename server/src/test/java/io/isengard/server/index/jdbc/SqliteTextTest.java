package io.isengard.server.index.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** SQLite's text columns read from their UTF-8 bytes ({@link SqlDialect#text}) are those getString reads. */
class SqliteTextTest {
    @Test
    void textIsWhatGetStringReads() throws Exception {
        String[] values = {"", "PATIENT^NAME", "Test-éüäöò", "Приём", "\u4e2d\u6587 \ud83d\ude00", "a\u0000b", " padded "};
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
                PreparedStatement ps = c.prepareStatement("SELECT ?, NULL, 12")) {
            for (String v : values) {
                ps.setString(1, v);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(SqlDialect.SQLITE.text(rs, 1)).isEqualTo(rs.getString(1)).isEqualTo(v);
                    assertThat(SqlDialect.SQLITE.text(rs, 2)).as("NULL").isNull();
                    assertThat(SqlDialect.SQLITE.text(rs, 3)).as("a number, as text").isEqualTo("12");
                }
            }
        }
    }
}
