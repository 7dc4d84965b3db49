package io.isengard.server.lua;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.rest.HttpMethod;
import io.isengard.server.rest.InProcessRestApi;
import io.isengard.server.rest.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing helpers of Orthanc's Lua toolbox (lua.md §5.3): SendToModality,
 * SendToPeer, Delete, ModifyInstance/ModifyResource and CallSystem only record
 * an operation while OnStoredInstance or OnStable* runs; the operations are run
 * in order after the callback returns, on the Lua events thread, through the
 * REST API in-process. An operation on "" takes the output of the one before.
 * (Orthanc runs them in a SequenceOfOperations job; see docs/lua.md.)
 */
final class LuaOperations {
    private static final Logger LOG = LoggerFactory.getLogger("io.isengard.server.lua");

    private sealed interface Operation {
        String resource();
    }

    private record SendToModality(String resource, String modality, String localAet) implements Operation {}

    private record SendToPeer(String resource, String peer) implements Operation {}

    private record Delete(String resource) implements Operation {}

    private record Modify(String resource, JsonNode replace, JsonNode remove, boolean removePrivateTags)
            implements Operation {}

    private record CallSystem(String resource, String command, List<String> arguments) implements Operation {}

    private final InProcessRestApi api;
    /** Operations recorded by the running callback; null outside OnStoredInstance/OnStable*. Under the lock. */
    private List<Operation> recording;

    LuaOperations(InProcessRestApi api) {
        this.api = api;
    }

    /** Installs the helpers in the main context. */
    void install(LuaTable g) {
        g.set("SendToModality", LuaFunctions.function(a -> {
            String id = resource(a, "Cannot send a nonexistent resource");
            record(new SendToModality(id, a.checkjstring(2), a.isstring(3) ? a.tojstring(3) : null));
            return LuaValue.valueOf(id);
        }));
        g.set("SendToPeer", LuaFunctions.function(a -> {
            String id = resource(a, "Cannot send a nonexistent resource");
            record(new SendToPeer(id, a.checkjstring(2)));
            return LuaValue.valueOf(id);
        }));
        g.set("Delete", LuaFunctions.function(a -> {
            record(new Delete(resource(a, "Cannot delete a nonexistent resource")));
            return LuaValue.NIL;
        }));
        LuaValue modify = LuaFunctions.function(a -> {
            String id = resource(a, "Cannot modify a nonexistent resource");
            JsonNode replace = a.arg(2).istable() ? LuaJson.toJson(a.arg(2), true) : Json.object();
            JsonNode remove = a.arg(3).istable() ? LuaJson.toJson(a.arg(3), true) : Json.array();
            record(new Modify(id, replace.isObject() ? replace : Json.object(), remove.isArray() ? remove
                    : Json.array(), a.arg(4).toboolean()));
            return LuaValue.valueOf("");
        });
        g.set("ModifyInstance", modify);
        g.set("ModifyResource", modify);
        g.set("CallSystem", LuaFunctions.function(a -> {
            String id = resource(a, "Cannot execute a system call on a nonexistent resource");
            List<String> args = new ArrayList<>();
            LuaValue t = a.arg(3);
            for (int i = 1; t.istable() && !t.get(i).isnil(); i++) {
                args.add(t.get(i).tojstring());
            }
            record(new CallSystem(id, a.checkjstring(2), args));
            return LuaValue.valueOf(id);
        }));
    }

    private static String resource(Varargs a, String error) {
        if (!a.isstring(1)) {
            throw new LuaError(error);
        }
        return a.tojstring(1);
    }

    private void record(Operation op) {
        if (recording != null) {
            recording.add(op);
        } else {
            LOG.debug("Lua: {} outside OnStoredInstance/OnStable*: ignored, as in Orthanc", op);
        }
    }

    /** Starts recording (under the lock, before the callback). */
    void startRecording() {
        recording = new ArrayList<>();
    }

    /** Stops recording and answers what was recorded (under the lock, after the callback). */
    List<?> stopRecording() {
        List<Operation> r = recording;
        recording = null;
        return r == null ? List.of() : r;
    }

    /** Runs recorded operations in order; the first that fails stops the rest (logged). */
    void run(List<?> operations, String callback) {
        String previous = null;
        for (Object o : operations) {
            Operation op = (Operation) o;
            String input = op.resource().isEmpty() ? previous : op.resource();
            if (input == null) {
                LOG.error("Lua {}: {} has no input (the operation before gives none)", callback, op);
                return;
            }
            try {
                previous = run(op, input);
            } catch (RuntimeException | IOException e) {
                LOG.error("Lua {}: {} on {} failed: {}", callback, op.getClass().getSimpleName(), input,
                        e.getMessage());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String run(Operation op, String input) throws IOException, InterruptedException {
        switch (op) {
            case Delete d -> {
                ObjectNode body = Json.object();
                body.putArray("Resources").add(input);
                expect200(api.call(HttpMethod.POST, "/tools/bulk-delete", bytes(body), Map.of()), "delete");
                return null;
            }
            case SendToModality s -> {
                ObjectNode body = Json.object();
                body.putArray("Resources").add(input);
                body.put("Synchronous", true);
                if (s.localAet() != null) {
                    body.put("LocalAet", s.localAet());
                }
                expect200(api.call(HttpMethod.POST, "/modalities/" + s.modality() + "/store", bytes(body), Map.of()),
                        "send to modality " + s.modality());
                return input;
            }
            case SendToPeer p -> {
                ObjectNode body = Json.object();
                body.putArray("Resources").add(input);
                body.put("Synchronous", true);
                expect200(api.call(HttpMethod.POST, "/peers/" + p.peer() + "/store", bytes(body), Map.of()),
                        "send to peer " + p.peer());
                return input;
            }
            case Modify m -> {
                ObjectNode body = Json.object();
                body.set("Replace", m.replace());
                body.set("Remove", m.remove());
                body.put("RemovePrivateTags", m.removePrivateTags());
                InProcessRestApi.Answer modified = expect200(api.call(HttpMethod.POST,
                        "/instances/" + input + "/modify", bytes(body), Map.of()), "modify");
                InProcessRestApi.Answer stored = expect200(api.call(HttpMethod.POST, "/instances", modified.body(),
                        Map.of()), "store the modified instance");
                return Json.MAPPER.readTree(stored.body()).path("ID").asText(null);
            }
            case CallSystem c -> {
                InProcessRestApi.Answer file = expect200(api.call(HttpMethod.GET, "/instances/" + input + "/file",
                        null, Map.of()), "read the instance");
                Path tmp = Files.createTempFile("isengard-lua-", ".dcm");
                try {
                    Files.write(tmp, file.body());
                    List<String> command = new ArrayList<>();
                    command.add(c.command());
                    command.addAll(c.arguments());
                    command.add(tmp.toString());
                    int status = new ProcessBuilder(command).inheritIO().start().waitFor();
                    if (status != 0) {
                        throw new IOException(c.command() + " exited with status " + status);
                    }
                } finally {
                    Files.deleteIfExists(tmp);
                }
                return input;
            }
        }
    }

    private static byte[] bytes(JsonNode body) {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static InProcessRestApi.Answer expect200(InProcessRestApi.Answer a, String what) throws IOException {
        if (a.status() != 200) {
            throw new IOException("cannot " + what + ": HTTP " + a.status());
        }
        return a;
    }
}
