package io.isengard.server.index.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** How the "PostgreSQL" section becomes a JDBC URL and credentials (no server needed). */
class PostgresConnectionSettingsTest {
    @Test
    void theConnectionSettingsFollowOrthancsPostgresqlPlugin() {
        ObjectMapper mapper = new ObjectMapper();
        PostgresIndexFactory.ConnectionSettings c = PostgresIndexFactory.connection(mapper.createObjectNode()
                .put("Host", "db.example").put("Port", 5433).put("Database", "pacs")
                .put("Username", "orthanc").put("Password", "secret").put("EnableSsl", true));
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/pacs?sslmode=require");
        assertThat(c.user()).isEqualTo("orthanc");
        assertThat(c.password()).isEqualTo("secret");

        c = PostgresIndexFactory.connection(mapper.createObjectNode());
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/orthanc");
        assertThat(c.user()).isNull();
        assertThat(c.password()).isNull();

        c = PostgresIndexFactory.connection(mapper.createObjectNode().put("Username", "ignored")
                .put("ConnectionUri", "postgresql://u%40x:p%3Aw@h:1/d?sslmode=verify-full"));
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://h:1/d?sslmode=verify-full");
        assertThat(c.user()).isEqualTo("u@x");
        assertThat(c.password()).isEqualTo("p:w");

        c = PostgresIndexFactory.connection(mapper.createObjectNode().put("Username", "orthanc")
                .put("ConnectionUri", "postgres://h/d"));
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://h/d");
        assertThat(c.user()).as("no user in the URI: the Username option").isEqualTo("orthanc");
    }
}
