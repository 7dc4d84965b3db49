package io.isengard.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationLoaderTest {
    @TempDir
    Path dir;

    private final ConfigurationLoader loader = new ConfigurationLoader(
            Map.of("ISENGARD_NAME", "FromEnv", "EMPTY", "", "PORT", "8043", "FLAG", "true")::get);

    private OrthancConfiguration load(String text) throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, text);
        return loader.load(file);
    }

    @Test
    void substitutesDefinedVariables() throws IOException {
        OrthancConfiguration c = load("{ \"Name\" : \"${ISENGARD_NAME}\", \"HttpPort\" : ${PORT}, \"X\" : ${FLAG} }");
        assertThat(c.getString("Name", null)).isEqualTo("FromEnv");
        // Unquoted placeholders give numbers and booleans.
        assertThat(c.getInt("HttpPort", 0)).isEqualTo(8043);
        assertThat(c.getBoolean("X", false)).isTrue();
    }

    @Test
    void undefinedVariableIsEmpty() throws IOException {
        assertThat(load("{ \"Name\" : \"a${UNDEFINED}b\" }").getString("Name", null)).isEqualTo("ab");
    }

    @Test
    void defaultAppliesOnlyWhenUndefined() throws IOException {
        OrthancConfiguration c = load("{ \"A\" : \"${UNDEFINED:-DefaultName}\", \"B\" : \"${ISENGARD_NAME:-Other}\","
                + " \"C\" : \"${EMPTY:-NotUsed}\", \"D\" : ${UNDEFINED:-42} }");
        assertThat(c.getString("A", null)).isEqualTo("DefaultName");
        assertThat(c.getString("B", null)).isEqualTo("FromEnv");
        // Defined but empty is defined (Orthanc looks the name up, it does not test the value).
        assertThat(c.getString("C", null)).isEmpty();
        assertThat(c.getInt("D", 0)).isEqualTo(42);
    }

    @Test
    void quotedDefaultsLoseTheirQuotes() throws IOException {
        OrthancConfiguration c = load("{ \"A\" : \"${UNDEFINED:-'with space'}\", "
                + "\"B\" : \"x${UNDEFINED:-\"quoted value\"}\", \"C\" : \"${UNDEFINED:-''}\" }");
        assertThat(c.getString("A", null)).isEqualTo("with space");
        assertThat(c.getString("B", null)).isEqualTo("xquoted value");
        assertThat(c.getString("C", null)).isEmpty();
    }

    @Test
    void placeholdersInCommentsAreHarmless() throws IOException {
        OrthancConfiguration c = load("{ // uses ${ISENGARD_NAME}\n \"Name\" : \"n\" }");
        assertThat(c.getString("Name", null)).isEqualTo("n");
    }

    @Test
    void commentsAreAllowed() throws IOException {
        OrthancConfiguration c = load("""
                {
                  // a line comment
                  "Name" : "commented", /* a block
                     comment */ "HttpPort" : 8044
                  /** Orthanc's sample file uses this style too **/
                }
                """);
        assertThat(c.getString("Name", null)).isEqualTo("commented");
        assertThat(c.getInt("HttpPort", 0)).isEqualTo(8044);
    }

    @Test
    void rootMustBeAnObject() throws IOException {
        Path file = dir.resolve("array.json");
        Files.writeString(file, "[ 1, 2 ]");
        assertThatThrownBy(() -> loader.load(file)).isInstanceOfSatisfying(OrthancException.class,
                e -> assertThat(e.error()).isEqualTo(ErrorCode.BadJson));
    }

    @Test
    void badSyntaxIsBadJson() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{ \"Name\" : }");
        assertThatThrownBy(() -> loader.load(file)).isInstanceOfSatisfying(OrthancException.class, e -> {
            assertThat(e.error()).isEqualTo(ErrorCode.BadJson);
            assertThat(e.getMessage()).contains("does not follow the JSON syntax").contains("bad.json");
        });
    }

    @Test
    void nonexistentPathIsInexistentFile() {
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> loader.load(missing)).isInstanceOfSatisfying(OrthancException.class, e -> {
            assertThat(e.error()).isEqualTo(ErrorCode.InexistentFile);
            assertThat(e.getMessage()).contains("Inexistent path to configuration").contains(missing.toString());
        });
    }

    @Test
    void folderMergesTheJsonFilesOnly() throws IOException {
        Files.writeString(dir.resolve("a.json"), "{ \"Name\" : \"A\" }");
        Files.writeString(dir.resolve("b.JSON"), "{ \"HttpPort\" : 8045 }");
        Files.writeString(dir.resolve("c.txt"), "not json at all");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/d.json"), "{ \"DicomAet\" : \"SUB\" }");
        OrthancConfiguration c = loader.load(dir);
        assertThat(c.options()).containsExactly("HttpPort", "Name");
        assertThat(c.getString("Name", null)).isEqualTo("A");
        assertThat(c.getInt("HttpPort", 0)).isEqualTo(8045);
    }

    @Test
    void sectionInTwoFilesIsRefused() throws IOException {
        Files.writeString(dir.resolve("a.json"), "{ \"PostgreSQL\" : { \"EnableIndex\" : true } }");
        Files.writeString(dir.resolve("b.json"), "{ \"PostgreSQL\" : { \"Host\" : \"db\" } }");
        assertThatThrownBy(() -> loader.load(dir)).isInstanceOfSatisfying(OrthancException.class, e -> {
            assertThat(e.error()).isEqualTo(ErrorCode.BadFileFormat);
            assertThat(e.getMessage()).contains(
                    "The configuration section \"PostgreSQL\" is defined in 2 different configuration files");
        });
    }

    @Test
    void relativePathsResolveAgainstTheFolderOfTheFile() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("etc"));
        Path file = sub.resolve("isengard.json");
        Files.writeString(file, "{ \"StorageDirectory\" : \"db\", \"IndexDirectory\" : \"/var/index\" }");
        CoreSettings s = CoreSettings.of(loader.load(file));
        assertThat(s.storageDirectory()).isEqualTo(sub.toAbsolutePath().resolve("db"));
        assertThat(s.indexDirectory()).isEqualTo(Path.of("/var/index"));
    }

    @Test
    void relativePathsResolveAgainstAConfigurationFolder() throws IOException {
        Files.writeString(dir.resolve("a.json"), "{ \"StorageDirectory\" : \"../db\" }");
        assertThat(CoreSettings.of(loader.load(dir)).storageDirectory())
                .isEqualTo(dir.toAbsolutePath().getParent().resolve("db"));
    }

    @Test
    void withoutConfigurationPathsResolveAgainstTheWorkingDirectory() {
        CoreSettings s = CoreSettings.of(loader.load(null));
        assertThat(s.storageDirectory()).isEqualTo(Path.of("").toAbsolutePath().resolve("OrthancStorage"));
        assertThat(s.indexDirectory()).isEqualTo(s.storageDirectory());
    }
}
