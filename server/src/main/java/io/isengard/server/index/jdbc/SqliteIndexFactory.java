package io.isengard.server.index.jdbc;

import io.isengard.server.index.Index;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded index: one SQLite file in WAL mode. Readers use a small pool
 * (WAL lets them run beside the writer); writers share one connection behind
 * a lock, since SQLite admits one writer at a time. Each connection keeps its
 * prepared statements (see {@link SqliteSource}).
 *
 * <p>synchronous=NORMAL is durable against a killed process (the WAL is in
 * the OS cache); only a power loss can lose the last commits, which is the
 * trade Orthanc's own SQLite index makes too.
 */
public final class SqliteIndexFactory {
    /** Not Orthanc's "index" file: its schema differs, and an Orthanc index in the same folder must survive. */
    public static final String FILE_NAME = "isengard-index.db";

    /** Connections for reading beside the writer (WAL mode lets them run at once). */
    private static final int READERS = 8;

    private SqliteIndexFactory() {}

    public static Index open(Path directory) throws IOException {
        Files.createDirectories(directory);
        String url = "jdbc:sqlite:" + directory.resolve(FILE_NAME).toAbsolutePath()
                + "?journal_mode=WAL&synchronous=NORMAL&foreign_keys=true&busy_timeout=30000";
        SQLiteDataSource migrations = new SQLiteDataSource();
        migrations.setUrl(url);
        Migrations.migrate(Flyway.configure().dataSource(migrations).locations("classpath:db/sqlite"));
        SqliteSource writers = new SqliteSource(url, 1);
        SqliteSource readers = new SqliteSource(url, READERS);
        return new JdbcIndex(readers, writers, new ReentrantLock(), SqlDialect.SQLITE, () -> {
            readers.close();
            writers.close();
        });
    }
}
