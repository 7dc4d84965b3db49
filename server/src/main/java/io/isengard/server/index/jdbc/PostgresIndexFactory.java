package io.isengard.server.index.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.isengard.server.config.OrthancConfiguration;
import io.isengard.server.index.Index;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scale-out index on PostgreSQL, configured by the same "PostgreSQL"
 * section as Orthanc's PostgreSQL plugin. Tables live in their own schema
 * ("isengard" by default) so that an Orthanc database can share the server.
 */
public final class PostgresIndexFactory {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresIndexFactory.class);

    private PostgresIndexFactory() {}

    /** True if the configuration asks for the PostgreSQL index. */
    public static boolean enabled(OrthancConfiguration config) {
        JsonNode pg = config.get("PostgreSQL");
        return pg != null && pg.isObject() && OrthancConfiguration.getBoolean(pg, "EnableIndex", false);
    }

    public static Index open(OrthancConfiguration config) {
        JsonNode pg = config.get("PostgreSQL");
        String schema = OrthancConfiguration.getString(pg, "Schema", "isengard");
        if (OrthancConfiguration.getBoolean(pg, "EnableStorage", false)) {
            LOG.warn("PostgreSQL.EnableStorage is not supported: attachments stay in the StorageDirectory");
        }
        ConnectionSettings settings = connection(pg);
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(settings.jdbcUrl());
        if (settings.user() != null) {
            c.setUsername(settings.user());
        }
        if (settings.password() != null) {
            c.setPassword(settings.password());
        }
        c.setPoolName("isengard-postgresql");
        c.setMaximumPoolSize(Math.max(1, OrthancConfiguration.getInt(pg, "IndexConnectionsCount", 16)));
        c.setSchema(schema);
        c.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        // Orthanc's plugin waits for a database that is still starting: MaximumConnectionRetries
        // attempts, ConnectionRetryInterval seconds apart.
        long retries = Math.max(0, OrthancConfiguration.getInt(pg, "MaximumConnectionRetries", 10));
        long interval = Math.max(1, OrthancConfiguration.getInt(pg, "ConnectionRetryInterval", 5));
        c.setInitializationFailTimeout(Math.max(1, retries * interval * 1000));
        HikariDataSource ds = new HikariDataSource(c);
        try {
            Migrations.migrate(Flyway.configure().dataSource(ds).schemas(schema).defaultSchema(schema)
                    .locations("classpath:db/postgresql"));
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        ConnectionSource connections = new PooledSource(ds, ds::close);
        return new JdbcIndex(connections, connections, null, SqlDialect.POSTGRESQL, connections);
    }

    /** Where and as whom to connect; a null user or password leaves it to the URL or the driver's default. */
    record ConnectionSettings(String jdbcUrl, String user, String password) {}

    /**
     * Orthanc's plugin accepts either "ConnectionUri" (libpq's
     * {@code postgresql://[user[:password]@]host[:port]/database[?...]}) or
     * Host/Port/Database/Username/Password (+ EnableSsl). The JDBC driver
     * does not read credentials in the authority, so they move to properties.
     */
    static ConnectionSettings connection(JsonNode pg) {
        String user = emptyToNull(OrthancConfiguration.getString(pg, "Username", null));
        String password = emptyToNull(OrthancConfiguration.getString(pg, "Password", null));
        String uri = OrthancConfiguration.getString(pg, "ConnectionUri", null);
        if (uri != null && !uri.isEmpty()) {
            if (uri.startsWith("jdbc:")) {
                return new ConnectionSettings(uri, user, password);
            }
            Matcher m = LIBPQ_URI.matcher(uri);
            if (!m.matches()) {
                throw new OrthancException(ErrorCode.BadFileFormat, "PostgreSQL.ConnectionUri must look like"
                        + " postgresql://user:password@host:port/database, not " + uri);
            }
            String userInfo = m.group(2);
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
                password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
            }
            return new ConnectionSettings("jdbc:postgresql://" + m.group(3), user, password);
        }
        String host = OrthancConfiguration.getString(pg, "Host", "localhost");
        int port = OrthancConfiguration.getInt(pg, "Port", 5432);
        String db = OrthancConfiguration.getString(pg, "Database", "orthanc");
        boolean ssl = OrthancConfiguration.getBoolean(pg, "EnableSsl", false);
        return new ConnectionSettings("jdbc:postgresql://" + host + ":" + port + "/"
                + URLEncoder.encode(db, StandardCharsets.UTF_8) + (ssl ? "?sslmode=require" : ""), user, password);
    }

    private static final Pattern LIBPQ_URI = Pattern.compile("(postgres|postgresql)://(?:([^@/?]*)@)?(.*)");

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
