package io.isengard.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Values of the wrong type stop the start with Orthanc's messages (config.md §1). */
class TypeChecksTest {
    private static void fails(ThrowingCallable c, ErrorCode code, String message) {
        assertThatThrownBy(c).isInstanceOfSatisfying(OrthancException.class, e -> {
            assertThat(e.error()).isEqualTo(code);
            assertThat(e.details()).isEqualTo(message);
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "StorageCompression | \"true\"",
        "StoreDicom | 1",
        "OverwriteInstances | \"yes\"",
        "CheckRevisions | null2"})
    void booleans(String option, String value) {
        String json = "{ \"" + option + "\" : " + (value.equals("null2") ? "[true]" : value) + " }";
        fails(() -> Configs.core(json), ErrorCode.BadParameterType,
                "The configuration option \"" + option + "\" must be a Boolean (true or false)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "StableAge | \"60\"",
        "MaximumStorageSize | 1.5",
        "HttpPort | \"8042\"",
        "LimitFindResults | true"})
    void integers(String option, String value) {
        fails(() -> Configs.core("{ \"" + option + "\" : " + value + " }"), ErrorCode.BadParameterType,
                "The configuration option \"" + option + "\" must be an integer");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Name | 42",
        "StorageDirectory | true",
        "DicomAet | [\"A\"]",
        "MaximumStorageMode | 1"})
    void strings(String option, String value) {
        fails(() -> Configs.core("{ \"" + option + "\" : " + value + " }"), ErrorCode.BadParameterType,
                "The configuration option \"" + option + "\" must be a string");
    }

    @ParameterizedTest
    @CsvSource({"MaximumStorageSize", "MaximumPatientCount", "LimitFindResults", "LimitFindInstances", "DicomPort",
        "HttpPort"})
    void unsignedOptionsRefuseNegativeValues(String option) {
        fails(() -> Configs.core("{ \"" + option + "\" : -1 }"), ErrorCode.ParameterOutOfRange,
                "The configuration option \"" + option + "\" must be a positive integer");
    }

    @Test
    void sizesAbove2GiBAreAccepted() {
        assertThat(Configs.core("{ \"MaximumStorageSize\" : 4000000000 }").maximumStorageSize())
                .isEqualTo(4_000_000_000L);
    }

    @Test
    void nullMeansAbsent() {
        assertThat(Configs.core("{ \"Name\" : null, \"StableAge\" : null }"))
                .isEqualTo(Configs.core("{}"));
    }

    @Test
    void objectsMustBeObjects() {
        fails(() -> Configs.core("{ \"UserMetadata\" : [] }"), ErrorCode.BadParameterType,
                "The configuration option \"UserMetadata\" must be a JSON object");
        fails(() -> Configs.core("{ \"Warnings\" : true }"), ErrorCode.BadParameterType,
                "The configuration option \"Warnings\" must be a JSON object");
    }

    @Test
    void stringLists() {
        OrthancConfiguration c = Configs.of("{ \"A\" : [ \"x\", \"y\" ], \"B\" : [ 1 ], \"C\" : \"x\" }");
        assertThat(c.getStringList("A")).containsExactly("x", "y");
        assertThat(c.getStringList("Absent")).isEmpty();
        fails(() -> c.getStringList("B"), ErrorCode.BadParameterType,
                "The configuration option \"B\" must be a list of strings");
        fails(() -> c.getStringList("C"), ErrorCode.BadParameterType,
                "The configuration option \"C\" must be a list of strings");
    }
}
