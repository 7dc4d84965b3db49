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
}
