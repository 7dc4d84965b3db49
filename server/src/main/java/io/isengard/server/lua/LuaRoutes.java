package io.isengard.server.lua;

import io.isengard.server.rest.OrthancRouter;

/** POST /tools/execute-script (lua.md §6). */
public final class LuaRoutes {
    private final LuaScripting lua;

    public LuaRoutes(LuaScripting lua) {
        this.lua = lua;
    }

    public void register(OrthancRouter r) {
        r.post("/tools/execute-script", call -> {
            if (!lua.isExecuteEnabled()) {
                call.answerEmpty(403); // "ExecuteLuaEnabled" is false: Orthanc answers 403, empty
                return;
            }
            call.answerText(lua.execute(call.bodyAsString()));
        });
    }
}
