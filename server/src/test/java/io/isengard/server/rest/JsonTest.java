package io.isengard.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void prettyPrintsLikeJsoncpp() {
        var o = Json.object();
        o.put("b", 1);
        o.putArray("a");
        o.putObject("c");
        o.putArray("d").add("x");
        assertThat(Json.pretty(o)).isEqualTo("{\n   \"a\" : [],\n   \"b\" : 1,\n   \"c\" : {},\n   \"d\" : [\n      \"x\"\n   ]\n}\n");
    }

    @Test
    void answersAreUtf8WithTextAsItIsAndControlCharactersEscaped() {
        var o = Json.object();
        o.put("PatientName", "M\u00fcller^J\u00fcrgen \u5c71\u7530 \ud83d\ude00 \u0001\"");
        String expected = "{\n   \"PatientName\" : \"M\u00fcller^J\u00fcrgen \u5c71\u7530 \ud83d\ude00 \\u0001\\\"\"\n}\n";
        assertThat(Json.prettyUtf8(o)).isEqualTo(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(Json.pretty(o)).isEqualTo(expected);
    }
}
