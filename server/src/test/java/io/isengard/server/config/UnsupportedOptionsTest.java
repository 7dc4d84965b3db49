package io.isengard.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnsupportedOptionsTest {
    private static java.util.List<String> ignored(String json) {
        return UnsupportedOptions.ignoredIn(Configs.of(json)).stream().map(UnsupportedOptions.Option::name).toList();
    }

    @Test
    void presentOptionsAreReported() {
        assertThat(ignored("{ \"HttpVerbose\" : true,"
                + " \"WebDavEnabled\" : true, \"MediaArchiveSize\" : 4, \"DicomWeb\" : { \"Enable\" : true } }"))
                .containsExactlyInAnyOrder("HttpVerbose", "WebDavEnabled", "MediaArchiveSize", "DicomWeb");
    }

    @Test
    void absentOrNullOptionsAreNot() {
        assertThat(ignored("{ \"Name\" : \"x\", \"WebDavEnabled\" : null }")).isEmpty();
    }

    @Test
    void valuesMatchingWhatIsengardDoesAreNot() {
        assertThat(ignored("{ \"LuaScripts\" : [], \"Plugins\" : [], \"OrthancPeers\" : {},"
                + " \"HttpCompressionEnabled\" : false, \"WebDavEnabled\" : false, \"PatientLevelEnabled\" : true }"))
                .isEmpty();
        assertThat(ignored("{ \"Plugins\" : [ \"a.so\" ], \"HttpCompressionEnabled\" : true,"
                + " \"PatientLevelEnabled\" : false }"))
                .containsExactlyInAnyOrder("Plugins", "HttpCompressionEnabled", "PatientLevelEnabled");
    }

    @Test
    void optionsInsideSections() {
        assertThat(ignored("{ \"PostgreSQL\" : { \"EnableIndex\" : true, \"EnableStorage\" : true } }"))
                .containsExactly("PostgreSQL.EnableStorage");
        assertThat(ignored("{ \"PostgreSQL\" : { \"EnableStorage\" : false } }")).isEmpty();
    }

    @Test
    void warnedOptionsAreNamed() {
        assertThat(UnsupportedOptions.warnAbout(Configs.of("{ \"WebDavEnabled\" : true, \"DicomModalities\" : {} }")))
                .containsExactly("WebDavEnabled");
    }

    @Test
    void settingsReadButNotEnforcedAreReported() {
        OrthancConfiguration c = Configs.of("{ \"StoreDicom\" : false, \"MaximumStorageSize\" : 10,"
                + " \"ReadOnly\" : true, \"DefaultEncoding\" : \"Utf8\" }");
        // "ReadOnly", "MaximumStorageSize" are enforced: no warning for them.
        assertThat(UnsupportedOptions.unenforced(CoreSettings.of(c))).hasSize(2)
                .noneMatch(w -> w.contains("ReadOnly") || w.contains("MaximumStorageSize"));
        OrthancConfiguration defaults = Configs.of("{ \"StoreDicom\" : true, \"DefaultEncoding\" : \"latin1\" }");
        assertThat(UnsupportedOptions.unenforced(CoreSettings.of(defaults))).isEmpty();
    }
}
