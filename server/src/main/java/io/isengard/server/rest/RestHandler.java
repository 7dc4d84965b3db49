package io.isengard.server.rest;

/** Serves one route; answers through the call, or leaves it unanswered (→ 404, or 400 for POST). */
@FunctionalInterface
public interface RestHandler {
    void handle(RestCall call) throws Exception;
}
