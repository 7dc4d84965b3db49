package io.isengard.server.index.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Schemas of the database that a "PostgreSQL" section names, created, listed
 * and dropped outside of an index: for the warm-up's scratch server, which
 * runs on a schema of its own in the user's database.
 */
public final class PostgresSchemas {
    private PostgresSchemas() {}

    /** Creates an empty schema; fails if the user may not (no CREATE privilege on the database). */
    public static void create(JsonNode pg, String schema) throws SQLException {
        try (Connection c = connect(pg); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + quoted(schema));
        }
    }

    /** The schemas whose name starts with {@code prefix}. */
    public static List<String> named(JsonNode pg, String prefix) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = connect(pg);
                PreparedStatement ps = c.prepareStatement(
                        "SELECT nspname FROM pg_namespace WHERE starts_with(nspname, ?) ORDER BY nspname")) {
            ps.setString(1, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /** Drops a schema and everything in it, if it exists. */
    public static void drop(JsonNode pg, String schema) throws SQLException {
        try (Connection c = connect(pg); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + quoted(schema) + " CASCADE");
        }
    }

    private static Connection connect(JsonNode pg) throws SQLException {
        PostgresIndexFactory.ConnectionSettings settings = PostgresIndexFactory.connection(pg);
        Properties p = new Properties();
        if (settings.user() != null) {
            p.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            p.setProperty("password", settings.password());
        }
        p.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(settings.jdbcUrl(), p);
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
