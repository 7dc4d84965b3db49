package io.isengard.server.dicom;

import java.util.Map;

/**
 * Rewrites the query of an incoming C-FIND before it runs (Lua's
 * IncomingFindRequestFilter, lua.md §3): keys are {@code "gggg,eeee"} in
 * lower-case hexadecimal, values strings; the answer's keys may also be tag
 * names.
 */
@FunctionalInterface
public interface IncomingFindFilter {
    Map<String, String> filter(Map<String, String> query, String remoteIp, String remoteAet, String calledAet);

    IncomingFindFilter NONE = (query, remoteIp, remoteAet, calledAet) -> query;
}
