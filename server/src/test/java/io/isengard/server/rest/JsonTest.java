package io.isengard.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;
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

    /**
     * The styled writer against Jackson's generator with the jsoncpp printer, which it replaces: the
     * same bytes for random trees of every kind of value it writes, strings with every class of
     * character (escaped, ASCII, two-, three- and four-byte UTF-8).
     */
    @Test
    void styledWriterWritesWhatJacksonWrites() {
        Random random = new Random(20261130);
        for (int i = 0; i < 3000; i++) {
            JsonNode tree = randomValue(random, 0, false);
            byte[] styled = StyledJsonWriter.write(tree);
            assertThat(styled).as("tree %d is one the styled writer covers", i).isNotNull();
            assertThat(new String(styled, StandardCharsets.UTF_8)).as("tree %d", i)
                    .isEqualTo(new String(Json.jacksonPrettyUtf8(tree), StandardCharsets.UTF_8));
        }
    }

    /** Texts longer than the room a string reserves at once, in every byte length per char. */
    @Test
    void styledWriterWritesLongTextsAsJacksonDoes() {
        Random random = new Random(7);
        StringBuilder text = new StringBuilder();
        while (text.length() < 300_000) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        ObjectNode o = Json.object();
        o.put("a", text.toString());
        o.putArray("b").add(text.substring(0, 70_000)).add("\u0001".repeat(20_000));
        assertThat(StyledJsonWriter.write(o)).isEqualTo(Json.jacksonPrettyUtf8(o));
    }

    /** Floating-point numbers and lone surrogates are Jackson's to write: the styled writer gives them up. */
    @Test
    void styledWriterLeavesDoublesAndLoneSurrogatesToJackson() {
        ObjectNode withDouble = Json.object();
        withDouble.putArray("a").add(1).add(2.5);
        assertThat(StyledJsonWriter.write(withDouble)).isNull();
        assertThat(Json.pretty(withDouble)).isEqualTo("{\n   \"a\" : [\n      1,\n      2.5\n   ]\n}\n");
        ObjectNode lone = Json.object();
        lone.put("a", "x\ud800y");
        assertThat(StyledJsonWriter.write(lone)).isNull();
        ObjectNode reversed = Json.object();
        reversed.put("a", "\udc00\ud800");
        assertThat(StyledJsonWriter.write(reversed)).isNull();
    }

    private static JsonNode randomValue(Random random, int depth, boolean leafOnly) {
        int kind = random.nextInt(leafOnly || depth > 3 ? 6 : 9);
        return switch (kind) {
            case 0, 1 -> Json.NODES.textNode(randomString(random));
            case 2 -> Json.NODES.numberNode(random.nextInt(7) == 0 ? Long.MIN_VALUE + random.nextInt(3)
                    : random.nextBoolean() ? random.nextLong() : random.nextInt(2001) - 1000);
            case 3 -> random.nextBoolean() ? Json.NODES.numberNode(random.nextInt())
                    : Json.NODES.numberNode(new BigInteger(80, random).negate());
            case 4 -> Json.NODES.booleanNode(random.nextBoolean());
            case 5 -> Json.NODES.nullNode();
            case 6, 7 -> {
                ObjectNode o = Json.object();
                int n = random.nextInt(5);
                for (int k = 0; k < n; k++) {
                    o.set(randomString(random), randomValue(random, depth + 1, false));
                }
                yield o;
            }
            default -> {
                ArrayNode a = Json.array();
                int n = random.nextInt(5);
                for (int k = 0; k < n; k++) {
                    a.add(randomValue(random, depth + 1, false));
                }
                yield a;
            }
        };
    }

    private static final String[] PIECES = {"a", "Z", "0", " ", "^", "/", "\"", "\\", "\u007f", "\b", "\t", "\n",
        "\f", "\r", "\u0000", "\u0001", "\u001f", "\u00e9", "\u00ff", "\u0100", "\u07ff", "\u0800", "\u5c71",
        "\u2028", "\ufffd", "\uffff", "\ud83d\ude00", "\udbff\udfff", "\ud800\udc00", "PatientName"};

    private static String randomString(Random random) {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            b.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return b.toString();
    }
}
