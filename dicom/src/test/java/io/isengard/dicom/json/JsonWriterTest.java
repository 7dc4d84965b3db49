package io.isengard.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    private static String compact(java.util.function.Consumer<JsonWriter> body) {
        StringBuilder sb = new StringBuilder();
        body.accept(JsonWriter.compact(sb));
        return sb.toString();
    }

    private static String pretty(java.util.function.Consumer<JsonWriter> body) {
        StringBuilder sb = new StringBuilder();
        body.accept(JsonWriter.pretty(sb));
        return sb.toString();
    }

    @Test
    void escapesQuotesBackslashesAndControlCharactersButKeepsNonAscii() {
        String s = "a\"b\\c/d\n\r\t\b\f\u0001\u001f\u007f é 漢 \uD83D\uDE00";

        String json = compact(w -> w.value(s));

        assertThat(json).isEqualTo("\"a\\\"b\\\\c/d\\n\\r\\t\\b\\f\\u0001\\u001f\\u007f é 漢 \uD83D\uDE00\"");
        assertThat(JsonParser.parse(json)).isEqualTo(s);
    }

    @Test
    void loneSurrogatesAreEscapedSoThatUtf8OutputStaysLossless() {
        assertThat(compact(w -> w.value("x\uD800y\uDC00"))).isEqualTo("\"x\\ud800y\\udc00\"");
    }

    @Test
    void compactLayout() {
        String json = compact(w -> w.beginObject().member("a", "x").name("b").beginArray().value(1).value(true)
                .nullValue().beginObject().endObject().beginArray().endArray().endArray().name("c").numberText("1.5e3")
                .endObject());

        assertThat(json).isEqualTo("{\"a\":\"x\",\"b\":[1,true,null,{},[]],\"c\":1.5e3}");
    }

    @Test
    void prettyLayoutIsJsonCppStyledStreamWriters() {
        String json = pretty(w -> w.beginObject().member("a", "x").name("b").beginArray().value(1)
                .beginObject().member("k", null).endObject().beginObject().endObject().endArray()
                .name("c").beginObject().endObject().name("d").beginArray().endArray().endObject());

        assertThat(json).isEqualTo("""
                {
                   "a" : "x",
                   "b" :\s
                   [
                      1,
                      {
                         "k" : null
                      },
                      {}
                   ],
                   "c" : {},
                   "d" : []
                }""");
    }

    @Test
    void writesUtf8ToStreams() {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (JsonWriter w = JsonWriter.of(bos, false)) {
            w.beginArray().value("é").endArray();
        }
        assertThat(bos.toString(StandardCharsets.UTF_8)).isEqualTo("[\"é\"]");
    }

    @Test
    void refusesMalformedSequencesOfCalls() {
        assertThatThrownBy(() -> compact(w -> w.beginObject().value("x"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> compact(w -> w.beginArray().name("x"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> compact(w -> w.beginArray().endObject())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> compact(w -> w.value(1).value(2))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void parserReadsWhatTheWriterWrites() {
        Object v = JsonParser.parse(" {\"a\": [1, -2.50, 1e3, \"\\u00e9\\/\", true, false, null], \"b\": {}, \"a\": 0} ");

        assertThat(v).isInstanceOf(Map.class);
        Map<?, ?> m = (Map<?, ?>) v;
        assertThat(List.copyOf(m.keySet())).isEqualTo(List.of("b", "a"));
        assertThat(m.get("a").toString()).isEqualTo("0");
        assertThat(((List<?>) JsonParser.parse("[1, -2.50, 1e3]")).toString()).isEqualTo("[1, -2.50, 1E+3]");
        assertThat(JsonParser.parse("\"\\u00e9\\/\"")).isEqualTo("é/");
    }

    @Test
    void parserRejectsMalformedInputWithAPosition() {
        for (String bad : List.of("", "{", "[1,]", "{\"a\" 1}", "01", "1.", "\"\u0001\"", "tru", "[1] 2", "{\"a\":1,}")) {
            assertThatThrownBy(() -> JsonParser.parse(bad)).as(bad).isInstanceOf(JsonParseException.class);
        }
        assertThatThrownBy(() -> JsonParser.parse("[".repeat(600) + "]".repeat(600)))
                .isInstanceOf(JsonParseException.class).hasMessageContaining("nesting");
    }
}
