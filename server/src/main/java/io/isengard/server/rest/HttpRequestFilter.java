package io.isengard.server.rest;

import java.util.Map;
import java.util.function.Supplier;

/** Decides whether an authenticated HTTP request may be served (Lua's IncomingHttpRequestFilter). */
@FunctionalInterface
public interface HttpRequestFilter {
    /**
     * @param headers the request's headers, names in lower case (built only when asked for)
     * @return false to answer 403
     */
    boolean allows(HttpMethod method, String uri, String remoteIp, String username,
            Supplier<Map<String, String>> headers);
}
