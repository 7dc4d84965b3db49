package io.isengard.server.lua;

import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.jse.JsePlatform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Lua interpreter (LuaJ) and the lock that serialises every use of it, as
 * Orthanc's mutex around each of its Lua contexts (lua.md §2). Globals live
 * as long as the server. {@code print} logs "Lua says: ..." and is captured
 * for /tools/execute-script.
 */
public final class LuaContext {
    private static final Logger LOG = LoggerFactory.getLogger("io.isengard.server.lua");

    /** The callbacks whose presence the server checks without taking the lock. */
    static final List<String> CALLBACKS = List.of("Initialize", "Finalize", "OnStoredInstance", "OnStablePatient",
            "OnStableStudy", "OnStableSeries", "OnDeletedPatient", "OnDeletedStudy", "OnDeletedSeries",
            "OnDeletedInstance", "OnUpdatedPatient", "OnUpdatedStudy", "OnUpdatedSeries", "OnUpdatedInstance",
            "OnJobSubmitted", "OnJobSuccess", "OnJobFailure", "OnHeartBeat", "ReceivedInstanceFilter",
            "ReceivedCStoreInstanceFilter", "IncomingHttpRequestFilter", "IncomingFindRequestFilter",
            "IncomingWorklistRequestFilter", "OutgoingFindRequestFilter", "OutgoingCStoreInstanceFilter");

    private final String name;
    private final Globals globals;
    private final ReentrantLock lock = new ReentrantLock();
    /** What print() writes to during an execute-script; guarded by the lock. */
    private StringBuilder output;
    /** The callbacks defined when the lock was last released: Lua code only runs under the lock. */
    private volatile Set<String> defined = Set.of();

    LuaContext(String name) {
        this.name = name;
        this.globals = JsePlatform.standardGlobals();
        globals.set("luajava", LuaValue.NIL); // Orthanc's Lua has no bridge to the host language
        globals.set("print", new Print());
    }

    /** "main" or "filter", for the logs. */
    String name() {
        return name;
    }

    /** The interpreter's globals: only under {@link #locked}. */
    Globals globals() {
        return globals;
    }

    /** Runs {@code work} holding the context's lock (reentrant: Lua calling RestApi* calling Lua is fine). */
    <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            try {
                refreshDefined();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Runs a chunk of Lua and answers what it printed.
     *
     * @param chunkName the name in error messages after '=' or '@': {@code =[string "line"]} as Orthanc's, or
     *     {@code @file.lua}
     * @throws OrthancException CannotExecuteLua with Lua's message on a syntax or runtime error
     */
    String execute(String source, String chunkName) {
        return locked(() -> {
            StringBuilder previous = output;
            output = new StringBuilder();
            try {
                globals.load(source, chunkName).call();
                return output.toString();
            } catch (LuaError e) {
                throw new OrthancException(ErrorCode.CannotExecuteLua, message(e), e);
            } finally {
                output = previous;
            }
        });
    }

    /** Whether the global function is defined (no lock taken: a snapshot of the last release). */
    boolean isDefined(String function) {
        return defined.contains(function);
    }

    /**
     * Calls a global function under the lock; null if it is not defined.
     *
     * @throws LuaError as the function raised it
     */
    Varargs call(String function, LuaValue... args) {
        return locked(() -> {
            LuaValue f = globals.get(function);
            return f.isfunction() ? f.invoke(LuaValue.varargsOf(args)) : null;
        });
    }

    private void refreshDefined() {
        Set<String> now = new HashSet<>();
        for (String c : CALLBACKS) {
            if (globals.get(c).isfunction()) {
                now.add(c);
            }
        }
        if (!now.equals(defined)) {
            defined = Set.copyOf(now);
        }
    }

    /**
     * Lua's message, with the chunk and line where the error was raised, as
     * Lua writes it: LuaJ writes a runtime error as {@code =chunk:12 text}
     * (the raw chunk name, no colon after the line), Lua as {@code chunk:12: text}.
     */
    static String message(LuaError e) {
        String m = e.getMessage();
        if (m == null) {
            return e.toString();
        }
        Matcher position = LUAJ_POSITION.matcher(m);
        return position.matches() ? position.group(1) + ": " + position.group(2) : m;
    }

    /** Chunk names given to LuaJ start with '=' or '@' (so that syntax errors show them as they are). */
    private static final Pattern LUAJ_POSITION = Pattern.compile("[=@](.*?:\\d+) (.*)", Pattern.DOTALL);

    /**
     * Orthanc's print: arguments through tostring, joined with ", " (none before
     * the first non-empty text: {@code print("", "x")} gives "x", as observed).
     */
    private final class Print extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaValue tostring = globals.get("tostring");
            StringBuilder line = new StringBuilder();
            for (int i = 1; i <= args.narg(); i++) {
                if (!line.isEmpty()) {
                    line.append(", ");
                }
                line.append(tostring.call(args.arg(i)).tojstring());
            }
            LOG.warn("Lua says: {}", line);
            if (output != null) {
                output.append(line).append('\n');
            }
            return LuaValue.NONE;
        }
    }
}
