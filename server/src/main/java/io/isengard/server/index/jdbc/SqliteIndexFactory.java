package io.isengard.server.index.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.isengard.server.index.Index;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;

/**
 * The embedded index: one SQLite file in WAL mode. Readers use a small pool
 * (WAL lets them run beside the writer); writers share one connection behind
 * a lock, since SQLite admits one writer at a time.
 *
 * <p>synchronous=NORMAL is durable against a killed process (the WAL is in
 * the OS cache); only a power loss can lose the last commits, which is the
 * trade Orthanc's own SQLite index makes too.
 */
public final class SqliteIndexFactory {
    /** Not Orthanc's "index" file: its schema differs, and an Orthanc index in the same folder must survive. */
    public static final String FILE_NAME = "isengard-index.db";

    private SqliteIndexFactory() {}

    public static Index open(Path directory) throws IOException {
        Files.createDirectories(directory);
        String url = "jdbc:sqlite:" + directory.resolve(FILE_NAME).toAbsolutePath()
                + "?journal_mode=WAL&synchronous=NORMAL&foreign_keys=true&busy_timeout=30000";
        HikariDataSource writers = pool(url, "isengard-sqlite-writer", 1);
        HikariDataSource readers = pool(url, "isengard-sqlite-readers", 8);
        try {
            Flyway.configure().dataSource(writers).locations("classpath:db/sqlite").load().migrate();
        } catch (RuntimeException e) {
            readers.close();
            writers.close();
            throw e;
        }
        return new JdbcIndex(readers, writers, new ReentrantLock(), SqlDialect.SQLITE, () -> {
            readers.close();
            writers.close();
        });
    }

    private static HikariDataSource pool(String url, String name, int size) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setPoolName(name);
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(1);
        c.setAutoCommit(true);
        return new HikariDataSource(c);
    }
}
