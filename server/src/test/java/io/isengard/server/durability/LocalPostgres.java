package io.isengard.server.durability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The machine's PostgreSQL (127.0.0.1:5432, trust auth) for the tests that
 * run Isengard processes on it: a database made for one test and dropped
 * after it, or a visible skip (a failure on CI) when no server answers.
 */
public final class LocalPostgres {
    private LocalPostgres() {}

    public interface DatabaseUse {
        void run(String database) throws Exception;
    }

    /** Runs {@code use} with a fresh database named {@code prefix + random}, dropped afterwards. */
    public static void withDatabase(String prefix, String skipping, DatabaseUse use) throws Exception {
        String database = prefix + Long.toHexString(System.nanoTime());
        try (Connection admin = connect(skipping)) {
            try (Statement s = admin.createStatement()) {
                s.execute("CREATE DATABASE " + database);
            }
            try {
                use.run(database);
            } finally {
                try (Statement s = admin.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                }
            }
        }
    }

    private static Connection connect(String skipping) throws SQLException {
        try {
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres?connectTimeout=5",
                    "postgres", "");
        } catch (SQLException e) {
            String msg = "PostgreSQL does not answer at 127.0.0.1:5432 (" + e.getMessage() + "); skipping "
                    + skipping;
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(msg);
            }
            Assumptions.abort(msg);
            throw e;
        }
    }
}
