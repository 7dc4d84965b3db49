package io.isengard.server.lua;

import java.util.function.Supplier;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * A table filled on its first use: the tags and metadata of
 * OnStoredInstance, which most callbacks never read. A callback that ignores
 * them then costs no file read and no JSON (so that ingest keeps its pace
 * with a trivial OnStoredInstance); one that reads them sees a table like
 * any other (indexing, pairs, next, #, DumpJson).
 */
final class LazyTable extends LuaTable {
    private Supplier<LuaValue> source;

    LazyTable(Supplier<LuaValue> source) {
        this.source = source;
    }

    /** Copies the source's entries in, once (Lua runs under the context's lock: no race). */
    private void load() {
        Supplier<LuaValue> s = source;
        if (s == null) {
            return;
        }
        source = null;
        LuaValue content = s.get();
        if (!content.istable()) {
            return;
        }
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs n = content.next(k);
            k = n.arg1();
            if (k.isnil()) {
                return;
            }
            super.rawset(k, n.arg(2));
        }
    }

    @Override
    public LuaValue rawget(LuaValue key) {
        load();
        return super.rawget(key);
    }

    @Override
    public LuaValue rawget(int key) {
        load();
        return super.rawget(key);
    }

    @Override
    public void rawset(LuaValue key, LuaValue value) {
        load();
        super.rawset(key, value);
    }

    @Override
    public void rawset(int key, LuaValue value) {
        load();
        super.rawset(key, value);
    }

    @Override
    public Varargs next(LuaValue key) {
        load();
        return super.next(key);
    }

    @Override
    public Varargs inext(LuaValue key) {
        load();
        return super.inext(key);
    }

    @Override
    public int length() {
        load();
        return super.length();
    }

    @Override
    public int rawlen() {
        load();
        return super.rawlen();
    }
}
