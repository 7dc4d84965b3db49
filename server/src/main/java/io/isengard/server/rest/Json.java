package io.isengard.server.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.TreeMap;

/**
 * JSON as Orthanc writes it: keys sorted (jsoncpp keeps objects in a sorted
 * map), pretty-printed with 3 spaces; error bodies use tabs.
 */
public final class Json {
    /** Objects made here keep their keys sorted. */
    public static final JsonNodeFactory NODES = new JsonNodeFactory(false) {
        private static final long serialVersionUID = 1L;

        @Override
        public ObjectNode objectNode() {
            return new ObjectNode(this, new TreeMap<>());
        }
    };

    public static final ObjectMapper MAPPER = JsonMapper.builder().nodeFactory(NODES).build();

    // Characters outside the BMP as their four UTF-8 bytes, as jsoncpp writes them: Jackson's UTF-8
    // writer would otherwise escape them as two escaped UTF-16 surrogates.
    private static final ObjectWriter PRETTY = MAPPER.writer(printer("   "))
            .with(com.fasterxml.jackson.core.json.JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
    private static final ObjectWriter TABS = MAPPER.writer(printer("\t"));

    private Json() {}

    private static DefaultPrettyPrinter printer(String indent) {
        JsoncppPrinter p = new JsoncppPrinter();
        DefaultIndenter indenter = new DefaultIndenter(indent, "\n");
        p.indentObjectsWith(indenter);
        p.indentArraysWith(indenter);
        return p;
    }

    /** jsoncpp's layout: "key" : value, and empty containers as [] and {} (Jackson writes [ ] and { }). */
    private static final class JsoncppPrinter extends DefaultPrettyPrinter {
        private static final long serialVersionUID = 1L;

        JsoncppPrinter() {
        }

        JsoncppPrinter(JsoncppPrinter base) {
            super(base);
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new JsoncppPrinter(this);
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws java.io.IOException {
            g.writeRaw(" : ");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws java.io.IOException {
            if (nrOfValues == 0) {
                _nesting--;
                g.writeRaw(']');
            } else {
                super.writeEndArray(g, nrOfValues);
            }
        }

        @Override
        public void writeEndObject(JsonGenerator g, int nrOfEntries) throws java.io.IOException {
            if (nrOfEntries == 0) {
                _nesting--;
                g.writeRaw('}');
            } else {
                super.writeEndObject(g, nrOfEntries);
            }
        }
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** Orthanc's pretty form, with a final newline as jsoncpp writes it. */
    public static String pretty(JsonNode node) {
        return new String(prettyUtf8(node), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The same in UTF-8, as answers send it: written as bytes straight away
     * (an expanded find answers tens of kilobytes; going through a String
     * would copy them twice more).
     */
    public static byte[] prettyUtf8(JsonNode node) {
        byte[] styled = StyledJsonWriter.write(node);
        return styled != null ? styled : jacksonPrettyUtf8(node);
    }

    /** The same through Jackson's generator: trees that {@link StyledJsonWriter} leaves to it. */
    static byte[] jacksonPrettyUtf8(JsonNode node) {
        ByteArrayBuilder out = new ByteArrayBuilder(8192);
        try {
            PRETTY.writeValue(out, node);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** The tab-indented form of error bodies. */
    public static String tabs(JsonNode node) {
        try {
            return TABS.writeValueAsString(node) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
