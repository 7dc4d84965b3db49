package io.isengard.server.rest;

import io.isengard.server.index.IndexException;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API called from inside the server (Lua's RestApiGet and friends,
 * lua.md §4): the request goes straight to the router, without HTTP,
 * authentication, request filter or thread permits; its origin is "Lua".
 */
public final class InProcessRestApi {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessRestApi.class);

    /** An answer: status, body and Content-Type (null without body). */
    public record Answer(int status, byte[] body, String contentType) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final OrthancRouter router;

    public InProcessRestApi(OrthancRouter router) {
        this.router = router;
    }

    /**
     * Serves one request. {@code uri} may carry a query string; {@code headers}
     * are matched without regard to case. Errors become their HTTP status,
     * never exceptions.
     */
    public Answer call(HttpMethod method, String uri, byte[] body, Map<String, String> headers) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? null : uri.substring(q + 1);
        InProcessRequest request = new InProcessRequest(method.name(), body, headers);
        InProcessResponse response = new InProcessResponse();
        Map<String, List<String>> args = RestServer.QueryString.parse(query);
        RestCall call = new RestCall(request, response, method, path, args, "", Long.MAX_VALUE);
        call.markFromLua();
        try {
            RestServer.dispatch(router, call);
        } catch (OrthancException e) {
            answerError(call, method, path, e);
        } catch (IndexException e) {
            answerError(call, method, path, new OrthancException(ErrorCode.Database, e.getMessage(), e));
        } catch (Exception e) {
            LOG.error("Lua {} {}: {}", method, path, e.toString(), e);
            answerError(call, method, path, new OrthancException(ErrorCode.InternalError, e.toString(), e));
        }
        return new Answer(response.status(), response.body(), response.contentType());
    }

    private static void answerError(RestCall call, HttpMethod method, String path, OrthancException e) {
        LOG.warn("Lua {} {}: {}", method, path, e.getMessage());
        if (!call.answered()) {
            try {
                call.answerEmpty(e.httpStatus());
            } catch (IOException never) {
                throw new IllegalStateException(never); // the body is in memory
            }
        }
    }
}
