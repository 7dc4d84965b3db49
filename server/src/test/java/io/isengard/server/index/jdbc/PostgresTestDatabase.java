package io.isengard.server.index.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import io.isengard.server.config.ConfigurationLoader;
import io.isengard.server.index.Index;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh PostgreSQL database for one test class ({@code isengard_test_<random>}
 * on 127.0.0.1:5432, user postgres, trust auth), dropped on close. Without a
 * reachable server the tests abort visibly, unless {@code CI=true} or
 * {@code ISENGARD_REQUIRE_POSTGRES=true}, where they fail.
 */
public final class PostgresTestDatabase implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    public static final int PORT = Integer.getInteger("isengard.test.postgres.port", 5432);
    public static final String USER = "postgres";

    public final String name;
    private final Path configDir;

    private PostgresTestDatabase(String name) throws IOException {
        this.name = name;
        this.configDir = Files.createTempDirectory("isengard-pg-config");
    }

    /** Creates the database, or aborts/fails the calling test if PostgreSQL does not answer. */
    public static PostgresTestDatabase create() throws Exception {
        requirePostgres();
        String name = "isengard_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            // A natural-language collation, as production databases often have, so that tests catch
            // orderings that only hold in byte order; plain default where the server has no ICU.
            try {
                s.execute("CREATE DATABASE " + name + " LOCALE_PROVIDER icu ICU_LOCALE 'en-US' TEMPLATE template0");
            } catch (SQLException noIcu) {
                System.err.println("PostgreSQL test database without ICU collation: " + noIcu.getMessage());
                s.execute("CREATE DATABASE " + name);
            }
        }
        return new PostgresTestDatabase(name);
    }

    static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI"))
                || "true".equalsIgnoreCase(System.getenv("ISENGARD_REQUIRE_POSTGRES"));
    }

    static void requirePostgres() {
        String problem;
        try (Connection c = connect("postgres")) {
            return;
        } catch (SQLException e) {
            problem = e.getMessage();
        }
        String what = "PostgreSQL does not answer at " + HOST + ":" + PORT + " as user " + USER + " (" + problem + ")";
        if (required()) {
            fail(what + "; CI=true or ISENGARD_REQUIRE_POSTGRES=true makes the PostgreSQL tests mandatory");
        }
        System.err.println("SKIPPED: " + what);
        Assumptions.abort(what + ": PostgreSQL tests skipped (set ISENGARD_REQUIRE_POSTGRES=true to make this an error)");
    }

    static Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + database, p);
    }

    Connection connect() throws SQLException {
        return connect(name);
    }

    /** The index in {@code schema} of this database, opened as Isengard does, from a "PostgreSQL" section. */
    Index openIndex(String schema, int connections) {
        return openIndex("""
                { "EnableIndex" : true, "Host" : "%s", "Port" : %d, "Database" : "%s", "Username" : "%s",
                  "Password" : "", "Schema" : "%s", "IndexConnectionsCount" : %d }
                """.formatted(HOST, PORT, name, USER, schema, connections));
    }

    /** The index configured by this "PostgreSQL" section (JSON). */
    Index openIndex(String section) {
        try {
            Path file = Files.createTempFile(configDir, "config", ".json");
            Files.writeString(file, "{ \"PostgreSQL\" : " + section + " }");
            return PostgresIndexFactory.open(new ConfigurationLoader(k -> null).load(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } finally {
            try (var files = Files.list(configDir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(configDir);
        }
    }
}
