package io.isengard.server.index.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.isengard.server.config.OrthancConfiguration;
import io.isengard.server.index.Index;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.flywaydb.core.Flyway;

/**
 * The scale-out index on PostgreSQL, configured by the same "PostgreSQL"
 * section as Orthanc's PostgreSQL plugin. Tables live in their own schema
 * ("isengard" by default) so that an Orthanc database can share the server.
 */
public final class PostgresIndexFactory {
    private PostgresIndexFactory() {}

    /** True if the configuration asks for the PostgreSQL index. */
    public static boolean enabled(OrthancConfiguration config) {
        JsonNode pg = config.get("PostgreSQL");
        return pg != null && pg.isObject() && OrthancConfiguration.getBoolean(pg, "EnableIndex", false);
    }

    public static Index open(OrthancConfiguration config) {
        JsonNode pg = config.get("PostgreSQL");
        String schema = OrthancConfiguration.getString(pg, "Schema", "isengard");
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(jdbcUrl(pg));
        String user = OrthancConfiguration.getString(pg, "Username", "");
        if (!user.isEmpty()) {
            c.setUsername(user);
        }
        String password = OrthancConfiguration.getString(pg, "Password", "");
        if (!password.isEmpty()) {
            c.setPassword(password);
        }
        c.setPoolName("isengard-postgresql");
        c.setMaximumPoolSize(OrthancConfiguration.getInt(pg, "IndexConnectionsCount", 16));
        c.setSchema(schema);
        c.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        HikariDataSource ds = new HikariDataSource(c);
        try {
            Flyway.configure().dataSource(ds).schemas(schema).defaultSchema(schema)
                    .locations("classpath:db/postgresql").load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        ConnectionSource connections = new PooledSource(ds, ds::close);
        return new JdbcIndex(connections, connections, null, SqlDialect.POSTGRESQL, connections);
    }

    /** Orthanc's plugin accepts either "ConnectionUri" or Host/Port/Database (+ EnableSsl). */
    static String jdbcUrl(JsonNode pg) {
        String uri = OrthancConfiguration.getString(pg, "ConnectionUri", null);
        if (uri != null && !uri.isEmpty()) {
            return uri.startsWith("jdbc:") ? uri : "jdbc:" + uri.replaceFirst("^postgres(ql)?://", "postgresql://");
        }
        String host = OrthancConfiguration.getString(pg, "Host", "localhost");
        int port = OrthancConfiguration.getInt(pg, "Port", 5432);
        String db = OrthancConfiguration.getString(pg, "Database", "orthanc");
        boolean ssl = OrthancConfiguration.getBoolean(pg, "EnableSsl", false);
        return "jdbc:postgresql://" + host + ":" + port + "/" + URLEncoder.encode(db, StandardCharsets.UTF_8)
                + (ssl ? "?sslmode=require" : "");
    }
}
