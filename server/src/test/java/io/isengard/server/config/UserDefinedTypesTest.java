package io.isengard.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** UserMetadata and UserContentType, checked as Orthanc checks them at startup. */
class UserDefinedTypesTest {
    private static void fails(String json, ErrorCode code, String message) {
        assertThatThrownBy(() -> Configs.core(json)).isInstanceOfSatisfying(OrthancException.class, e -> {
            assertThat(e.error()).isEqualTo(code);
            assertThat(e.details()).isEqualTo(message);
        });
    }

    @Test
    void userMetadata() {
        UserMetadata m = Configs.core("{ \"UserMetadata\" : { \"my-metadata\" : 1098, \"Last\" : 65535,"
                + " \"First\" : 1024 } }").userMetadata();
        assertThat(m.byName()).containsExactly(Map.entry("my-metadata", 1098), Map.entry("Last", 65535),
                Map.entry("First", 1024));
        assertThat(m.lookup("my-metadata")).isEqualTo(OptionalInt.of(1098));
        assertThat(m.lookup("IndexInSeries")).isEqualTo(OptionalInt.of(1));
        assertThat(m.lookup("2000")).isEqualTo(OptionalInt.of(2000));
        assertThat(m.lookup("unknown")).isEmpty();
        assertThat(m.nameOf(1098)).isEqualTo("my-metadata");
        assertThat(m.nameOf(7)).isEqualTo("LastUpdate");
        assertThat(m.nameOf(2000)).isEqualTo("2000");
    }

    @Test
    void userMetadataMustBeIntegers() {
        fails("{ \"UserMetadata\" : { \"a\" : \"1098\" } }", ErrorCode.BadParameterType,
                "Not a number in this user-defined metadata: a");
        fails("{ \"UserMetadata\" : { \"a\" : 1098.5 } }", ErrorCode.BadParameterType,
                "Not a number in this user-defined metadata: a");
    }

    @Test
    void userMetadataIndexRange() {
        fails("{ \"UserMetadata\" : { \"a\" : 1023 } }", ErrorCode.ParameterOutOfRange,
                "A user metadata must have an index between 1024 and 65535, but \"a\" has index 1023");
        fails("{ \"UserMetadata\" : { \"a\" : 65536 } }", ErrorCode.ParameterOutOfRange,
                "A user metadata must have an index between 1024 and 65535, but \"a\" has index 65536");
        fails("{ \"UserMetadata\" : { \"a\" : 5 } }", ErrorCode.ParameterOutOfRange,
                "A user metadata must have an index between 1024 and 65535, but \"a\" has index 5");
    }

    @Test
    void userMetadataIndexUsedTwice() {
        fails("{ \"UserMetadata\" : { \"a\" : 1100, \"b\" : 1100 } }", ErrorCode.ParameterOutOfRange,
                "Cannot associate user-defined metadata \"b\" with index 1100, as this index is already used");
    }

    @Test
    void userMetadataNames() {
        fails("{ \"UserMetadata\" : { \"1234\" : 1100 } }", ErrorCode.BadRequest,
                "The name of a user-defined metadata cannot be a number: 1234");
        fails("{ \"UserMetadata\" : { \"ReceptionDate\" : 1100 } }", ErrorCode.BadRequest,
                "The name of a user-defined metadata is already used by Orthanc: ReceptionDate");
    }

    @Test
    void userContentTypes() {
        UserContentTypes t = Configs.core("{ \"UserContentType\" : { \"report\" : [ 1099, \"application/pdf\" ],"
                + " \"raw\" : 1100 } }").userContentTypes();
        assertThat(t.byName()).containsOnlyKeys("report", "raw");
        assertThat(t.byName().get("report")).isEqualTo(new UserContentTypes.Type("report", 1099, "application/pdf"));
        assertThat(t.byName().get("raw").mime()).isEqualTo("application/octet-stream");
        assertThat(t.ofCode(1100).name()).isEqualTo("raw");
        assertThat(t.ofCode(1101)).isNull();
    }

    @Test
    void userContentTypeShapes() {
        String message = "Not a number in this user-defined attachment type: x (expected a number or "
                + "[number, \"MIME type\"])";
        fails("{ \"UserContentType\" : { \"x\" : \"1099\" } }", ErrorCode.BadParameterType, message);
        fails("{ \"UserContentType\" : { \"x\" : [ 1099 ] } }", ErrorCode.BadParameterType, message);
        fails("{ \"UserContentType\" : { \"x\" : [ 1099, \"a/b\", \"c\" ] } }", ErrorCode.BadParameterType, message);
        fails("{ \"UserContentType\" : { \"x\" : [ \"a/b\", 1099 ] } }", ErrorCode.BadParameterType, message);
    }

    @Test
    void userContentTypeRangeAndDuplicates() {
        fails("{ \"UserContentType\" : { \"x\" : 3 } }", ErrorCode.ParameterOutOfRange,
                "A user content type must have an index between 1024 and 65535, but \"x\" has index 3");
        fails("{ \"UserContentType\" : { \"x\" : 1024, \"y\" : [ 1024, \"a/b\" ] } }", ErrorCode.ParameterOutOfRange,
                "Cannot associate user-defined content type \"y\" with index 1024, as this index is already used");
        fails("{ \"UserContentType\" : { \"dicom\" : 1024 } }", ErrorCode.BadRequest,
                "The name of a user-defined attachment type is already used by Orthanc: dicom");
        fails("{ \"UserContentType\" : { \"17\" : 1024 } }", ErrorCode.BadRequest,
                "The name of a user-defined attachment type cannot be a number: 17");
    }

    @Test
    void metadataAndAttachmentsMayShareNumbers() {
        // Two separate registries in Orthanc.
        CoreSettings s = Configs.core("{ \"UserMetadata\" : { \"a\" : 1024 }, \"UserContentType\" : { \"a\" : 1024 } }");
        assertThat(s.userMetadata().byName()).containsEntry("a", 1024);
        assertThat(s.userContentTypes().ofCode(1024).name()).isEqualTo("a");
    }
}
