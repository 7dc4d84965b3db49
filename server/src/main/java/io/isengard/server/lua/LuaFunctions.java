package io.isengard.server.lua;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.rest.InProcessRestApi;
import io.isengard.server.rest.HttpMethod;
import io.isengard.server.rest.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The functions Orthanc gives its Lua contexts (lua.md §4, §5): REST API
 * in-process, HTTP client, JSON, configuration, and the Lua-written helpers
 * (PrintRecursive).
 */
final class LuaFunctions {
    private static final Logger LOG = LoggerFactory.getLogger("io.isengard.server.lua");

    /** Orthanc's Lua toolbox helper, with its output format (observed on 1.10.1). */
    private static final String PRINT_RECURSIVE = """
            function PrintRecursive(s, l, i) -- recursive Print (structure, limit, indent)
               l = (l) or 100; i = i or "";
               if (l<1) then print "ERROR: Item limit reached."; return l-1 end;
               local ts = type(s);
               if (ts ~= "table") then print (i,ts,s); return l-1 end
               print (i,ts);
               for k,v in pairs(s) do
                  l = PrintRecursive(v, l, i.."\\t["..tostring(k).."]");
                  if (l < 0) then break end
               end
               return l
            end
            """;

    private LuaFunctions() {}

    /** Installs every function in {@code context}; {@code configuration} is the merged configuration. */
    static void install(LuaContext context, InProcessRestApi api, ObjectNode configuration) {
        LuaTable g = context.globals();
        LuaHttpClient http = new LuaHttpClient();
        g.set("ParseJson", function(a -> {
            if (!a.isstring(1)) {
                return LuaValue.NIL;
            }
            try {
                JsonNode n = Json.MAPPER.readTree(a.checkjstring(1));
                return n == null ? LuaValue.NIL : LuaJson.toLua(n);
            } catch (IOException e) {
                return LuaValue.NIL;
            }
        }));
        g.set("DumpJson", function(a -> a.narg() < 1 ? LuaValue.NIL
                : LuaValue.valueOf(Json.MAPPER.valueToTree(LuaJson.toJson(a.arg1(), a.arg(2).toboolean()))
                        .toString())));
        g.set("GetOrthancConfiguration", function(a -> LuaJson.toLua(configuration)));
        g.set("GenerateDicomUid", function(a -> {
            String level = a.isstring(1) ? a.tojstring(1) : "instance";
            InProcessRestApi.Answer r = api.call(HttpMethod.GET, "/tools/generate-uid?level=" + level, null, Map.of());
            return r.status() == 200 ? LuaValue.valueOf(r.text()) : LuaValue.NIL;
        }));
        installRestApi(g, api);
        installHttp(g, http);
        context.globals().load(PRINT_RECURSIVE, "=toolbox").call();
    }

    // ------------------------------------------------------------ RestApi* (lua.md §4)

    private static void installRestApi(LuaTable g, InProcessRestApi api) {
        g.set("RestApiGet", function(a -> {
            if (!a.isstring(1)) {
                return LuaValue.NIL;
            }
            return bodyOrNil(api.call(HttpMethod.GET, a.tojstring(1), null, restHeaders(a.arg(3))));
        }));
        g.set("RestApiPost", function(a -> {
            if (!a.isstring(1) || !a.isstring(2)) {
                return LuaValue.NIL;
            }
            return bodyOrNil(api.call(HttpMethod.POST, a.tojstring(1), bytes(a.arg(2)), restHeaders(a.arg(4))));
        }));
        g.set("RestApiPut", function(a -> {
            if (!a.isstring(1) || !a.isstring(2)) {
                return LuaValue.NIL;
            }
            return bodyOrNil(api.call(HttpMethod.PUT, a.tojstring(1), bytes(a.arg(2)), restHeaders(a.arg(4))));
        }));
        g.set("RestApiDelete", function(a -> {
            if (!a.isstring(1)) {
                return LuaValue.NIL;
            }
            InProcessRestApi.Answer r = api.call(HttpMethod.DELETE, a.tojstring(1), null, restHeaders(a.arg(3)));
            return r.status() == 200 ? LuaValue.TRUE : LuaValue.NIL;
        }));
    }

    private static LuaValue bodyOrNil(InProcessRestApi.Answer r) {
        return r.status() == 200 ? LuaString.valueOf(r.body()) : LuaValue.NIL;
    }

    /** RestApi* headers: names in lower case (lua.md §4). */
    private static Map<String, String> restHeaders(LuaValue t) {
        Map<String, String> h = new LinkedHashMap<>();
        headers(t).forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
        return h;
    }

    private static Map<String, String> headers(LuaValue t) {
        Map<String, String> h = new LinkedHashMap<>();
        if (t.istable()) {
            LuaValue k = LuaValue.NIL;
            while (true) {
                Varargs n = t.next(k);
                k = n.arg1();
                if (k.isnil()) {
                    break;
                }
                h.put(k.tojstring(), n.arg(2).tojstring());
            }
        }
        return h;
    }

    /** A Lua string's bytes as they are (a DICOM file in a Lua string is binary). */
    private static byte[] bytes(LuaValue s) {
        LuaString l = s.checkstring();
        byte[] b = new byte[l.rawlen()];
        l.copyInto(0, b, 0, b.length);
        return b;
    }

    // ------------------------------------------------------------ Http* (lua.md §5.2)

    private static void installHttp(LuaTable g, LuaHttpClient http) {
        g.set("SetHttpCredentials", function(a -> {
            http.setCredentials(a.checkjstring(1), a.checkjstring(2));
            return LuaValue.NONE;
        }));
        g.set("SetHttpTimeout", function(a -> {
            http.setTimeout(a.checklong(1));
            return LuaValue.NONE;
        }));
        g.set("HttpGet", function(a -> a.isstring(1) ? bodyOrNil(http, "GET", a.tojstring(1), null, a.arg(2))
                : LuaValue.NIL));
        g.set("HttpPost", function(a -> a.isstring(1) ? bodyOrNil(http, "POST", a.tojstring(1),
                a.arg(2).isnil() ? null : bytes(a.arg(2)), a.arg(3)) : LuaValue.NIL));
        g.set("HttpPut", function(a -> a.isstring(1) ? bodyOrNil(http, "PUT", a.tojstring(1),
                a.arg(2).isnil() ? null : bytes(a.arg(2)), a.arg(3)) : LuaValue.NIL));
        g.set("HttpDelete", function(a -> {
            if (!a.isstring(1)) {
                return LuaValue.NIL;
            }
            try {
                LuaHttpClient.Answer r = http.send("DELETE", a.tojstring(1), null, headers(a.arg(2)));
                return r.isSuccess() ? LuaValue.valueOf("SUCCESS") : LuaValue.NIL;
            } catch (IOException | IllegalArgumentException e) {
                // Orthanc lets network errors of HttpDelete through as a Lua error.
                throw new LuaError("Error in the network protocol: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LuaError("interrupted");
            }
        }));
    }

    /** The body on a 2xx answer; nil on any other answer or on a network failure (logged). */
    private static LuaValue bodyOrNil(LuaHttpClient http, String method, String url, byte[] body, LuaValue headers) {
        try {
            LuaHttpClient.Answer r = http.send(method, url, body, headers(headers));
            if (!r.isSuccess()) {
                LOG.warn("Lua: Http{} {} answered {}", method.charAt(0) + method.substring(1).toLowerCase(Locale.ROOT),
                        url, r.status());
                return LuaValue.NIL;
            }
            return LuaString.valueOf(r.body());
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Lua: {} {} failed: {}", method, url, e.toString());
            return LuaValue.NIL;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return LuaValue.NIL;
        }
    }

    // ------------------------------------------------------------ plumbing

    /** A Lua function from a lambda. */
    static VarArgFunction function(java.util.function.Function<Varargs, Varargs> body) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return body.apply(args);
            }
        };
    }
}
