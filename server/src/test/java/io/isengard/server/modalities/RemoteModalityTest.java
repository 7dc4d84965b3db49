package io.isengard.server.modalities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.rest.Json;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The forms of a "DicomModalities" entry, their errors and the serialized form (modalities.md §1). */
class RemoteModalityTest {
    private static JsonNode json(String text) throws IOException {
        return Json.MAPPER.readTree(text);
    }

    private static OrthancException failure(String text) {
        try {
            RemoteModality.parse(json(text));
        } catch (OrthancException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("accepted: " + text);
    }

    @Test
    void shortFormWithDefaults() throws IOException {
        RemoteModality m = RemoteModality.parse(json("[\"STORESCP\", \"localhost\", 2000]"));
        assertThat(Json.MAPPER.writeValueAsString(m.toJson())).isEqualTo("{\"AET\":\"STORESCP\",\"AllowEcho\":true,"
                + "\"AllowEventReport\":true,\"AllowFind\":true,\"AllowFindWorklist\":true,\"AllowGet\":true,"
                + "\"AllowMove\":true,\"AllowNAction\":true,\"AllowStore\":true,\"AllowTranscoding\":true,"
                + "\"Host\":\"localhost\",\"LocalAet\":\"\",\"Manufacturer\":\"Generic\",\"Port\":2000,"
                + "\"Timeout\":0,\"UseDicomTls\":false}");
    }

    @Test
    void shortFormWithManufacturerAndStringPort() throws IOException {
        RemoteModality m = RemoteModality.parse(json("[\"A\", \"h\", \"104\", \"GE\"]"));
        assertThat(m.port()).isEqualTo(104);
        assertThat(m.manufacturer()).isEqualTo(Manufacturer.GE);
    }

    @Test
    void serializedFormAsObservedOnOrthanc() throws IOException {
        // §1.4 [1.10.1 observed]
        RemoteModality m = RemoteModality.parse(json("{\"AET\": \"ORTHANCA\", \"Host\": \"127.0.0.1\", \"Port\": 4343,"
                + " \"AllowEcho\": false, \"LocalAet\": \"LOCALX\", \"Manufacturer\": \"GE\"}"));
        assertThat(Json.pretty(m.toJson())).isEqualTo(Json.pretty(json("""
                { "AET" : "ORTHANCA", "AllowEcho" : false, "AllowEventReport" : true,
                  "AllowFind" : true, "AllowFindWorklist" : true, "AllowGet" : true,
                  "AllowMove" : true, "AllowNAction" : true, "AllowStore" : true,
                  "AllowTranscoding" : true, "Host" : "127.0.0.1", "LocalAet" : "LOCALX",
                  "Manufacturer" : "GE", "Port" : 4343, "Timeout" : 0, "UseDicomTls" : false }""")));
    }

    @Test
    void serializedFormParsesBackToTheSame() throws IOException {
        RemoteModality m = RemoteModality.parse(json("{\"AET\": \"X\", \"Host\": \"h\", \"Port\": 1, \"Timeout\": 7,"
                + " \"UseDicomTls\": true, \"AllowGet\": false, \"RetrieveMethod\": \"C-GET\"}"));
        assertThat(RemoteModality.parse(m.toJson())).isEqualTo(m);
        assertThat(m.toJson().get("RetrieveMethod").asText()).isEqualTo("C-GET");
    }

    @Test
    void storageCommitmentAliasSetsBothFlags() throws IOException {
        RemoteModality m = RemoteModality.parse(json("{\"AET\": \"X\", \"Host\": \"h\", \"Port\": 1,"
                + " \"AllowStorageCommitment\": false}"));
        assertThat(m.allowNAction()).isFalse();
        assertThat(m.allowEventReport()).isFalse();
    }

    @Test
    void portRange() {
        for (String port : new String[] {"0", "65535", "-3", "\"70000\""}) {
            OrthancException e = failure("[\"A\", \"h\", " + port + "]");
            assertThat(e.error()).isEqualTo(ErrorCode.ParameterOutOfRange);
            assertThat(e.details()).startsWith("A TCP port number must be in range [1..65534], but found: ");
        }
        assertThat(RemoteModality.port(Json.NODES.numberNode(65534))).isEqualTo(65534);
    }

    @Test
    void nonNumericPortIsBadFileFormat() {
        assertThat(failure("[\"A\", \"h\", \"abc\"]").error()).isEqualTo(ErrorCode.BadFileFormat);
        assertThat(failure("[\"A\", \"h\", true]").error()).isEqualTo(ErrorCode.BadFileFormat);
    }

    @Test
    void badShapesAreBadFileFormat() {
        for (String bad : new String[] {"[\"A\", \"h\"]", "[\"A\", \"h\", 1, \"GE\", 5]", "[1, \"h\", 1]",
                "[\"A\", 2, 1]", "[\"A\", \"h\", 1, 3]", "\"A\"", "42",
                "{\"AET\": \"A\", \"Host\": \"h\", \"Port\": 1, \"AllowEcho\": \"yes\"}",
                "{\"AET\": \"A\", \"Host\": \"h\"}", "{\"AET\": 3, \"Host\": \"h\", \"Port\": 1}"}) {
            assertThat(failure(bad).error()).as(bad).isEqualTo(ErrorCode.BadFileFormat);
        }
        assertThat(failure("{\"AET\": \"A\", \"Port\": 1}").details()).isEqualTo("String value expected in field: Host");
    }

    @Test
    void manufacturers() throws IOException {
        for (Manufacturer m : Manufacturer.values()) {
            assertThat(RemoteModality.parse(json("[\"A\", \"h\", 1, \"" + m.name() + "\"]")).manufacturer())
                    .isEqualTo(m);
        }
        assertThat(RemoteModality.parse(json("[\"A\", \"h\", 1, \"MedInria\"]")).manufacturer())
                .isEqualTo(Manufacturer.Generic);
        assertThat(RemoteModality.parse(json("[\"A\", \"h\", 1, \"SyngoVia\"]")).manufacturer())
                .isEqualTo(Manufacturer.GenericNoWildcardInDates);
        OrthancException e = failure("[\"A\", \"h\", 1, \"ge\"]");
        assertThat(e.error()).isEqualTo(ErrorCode.ParameterOutOfRange);
        assertThat(e.details()).isEqualTo("Unknown modality manufacturer: \"ge\"");
    }

    @Test
    void names() {
        ModalityRegistry.checkName("pacs_1-B");
        assertThatThrownBy(() -> ModalityRegistry.checkName("a b")).isInstanceOf(OrthancException.class)
                .hasMessageContaining("Only alphanumeric, dash characters and underscores are allowed in the names"
                        + " of modalities/peers, but found: a b");
    }
}
