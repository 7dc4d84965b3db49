package io.isengard.server.lua;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/** JSON to Lua and back, with Orthanc's rules (lua.md §5.1: ParseJson, DumpJson). */
final class LuaJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private LuaJson() {}

    /** Arrays become 1-based tables, null becomes nil, integers Lua integers (as Orthanc 1.12.1+). */
    static LuaValue toLua(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return LuaValue.NIL;
        }
        if (n.isObject()) {
            LuaTable t = new LuaTable();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                t.set(e.getKey(), toLua(e.getValue()));
            }
            return t;
        }
        if (n.isArray()) {
            LuaTable t = new LuaTable();
            for (int i = 0; i < n.size(); i++) {
                t.set(i + 1, toLua(n.get(i)));
            }
            return t;
        }
        if (n.isBoolean()) {
            return LuaValue.valueOf(n.booleanValue());
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            long v = n.longValue();
            return v == (int) v ? LuaValue.valueOf((int) v) : LuaValue.valueOf((double) v);
        }
        if (n.isNumber()) {
            return LuaValue.valueOf(n.doubleValue());
        }
        return LuaValue.valueOf(n.asText());
    }

    /**
     * DumpJson: a table whose keys are exactly 1..n in iteration order is an
     * array (an empty table too), any other an object. Without
     * {@code keepStrings} numbers and numeric strings become numbers
     * (integral ones integers); with it, numbers and strings become strings.
     */
    static JsonNode toJson(LuaValue v, boolean keepStrings) {
        switch (v.type()) {
            case LuaValue.TNIL:
                return F.nullNode();
            case LuaValue.TBOOLEAN:
                return F.booleanNode(v.toboolean());
            case LuaValue.TNUMBER:
                return keepStrings ? F.textNode(v.tojstring()) : number(v);
            case LuaValue.TSTRING: {
                if (keepStrings) {
                    return F.textNode(v.tojstring());
                }
                LuaValue asNumber = v.tonumber();
                return asNumber.isnil() ? F.textNode(v.tojstring()) : number(asNumber);
            }
            case LuaValue.TTABLE:
                return table((LuaTable) v, keepStrings);
            default:
                return F.nullNode();
        }
    }

    private static JsonNode number(LuaValue v) {
        double d = v.todouble();
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.007199254740992E15) {
            return F.numberNode((long) d);
        }
        return F.numberNode(d);
    }

    private static JsonNode table(LuaTable t, boolean keepStrings) {
        boolean array = true;
        int expected = 1;
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs n = t.next(k);
            k = n.arg1();
            if (k.isnil()) {
                break;
            }
            if (!k.isinttype() || k.toint() != expected) {
                array = false;
                break;
            }
            expected++;
        }
        if (array) {
            ArrayNode a = F.arrayNode();
            for (int i = 1; i < expected; i++) {
                a.add(toJson(t.get(i), keepStrings));
            }
            return a;
        }
        // Keys sorted, as Orthanc's JSON writer orders them.
        Map<String, JsonNode> members = new java.util.TreeMap<>();
        k = LuaValue.NIL;
        while (true) {
            Varargs n = t.next(k);
            k = n.arg1();
            if (k.isnil()) {
                break;
            }
            members.put(k.tojstring(), toJson(n.arg(2), keepStrings));
        }
        ObjectNode o = F.objectNode();
        members.forEach(o::set);
        return o;
    }
}
