package io.isengard.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.storage.DirectBuffers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextResponse;
import org.eclipse.jetty.http.HttpHeader;

/**
 * One REST request and its answer: what a handler reads (method after
 * overriding, path parameters, GET arguments, headers, body) and the ways it
 * can answer, with Orthanc's headers and content types.
 */
public final class RestCall {
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final HttpMethod method;
    private final String uri;
    private final Map<String, List<String>> arguments;
    private final String username;
    private final long maximumBodySize;
    private InputStream body;
    private Map<String, String> parameters = Map.of();
    private List<String> trailing = List.of();
    private boolean answered;
    private boolean fromLua;

    RestCall(HttpServletRequest request, HttpServletResponse response, HttpMethod method, String uri,
            Map<String, List<String>> arguments, String username, long maximumBodySize) {
        this.maximumBodySize = maximumBodySize;
        this.request = request;
        this.response = response;
        this.method = method;
        this.uri = uri;
        this.arguments = arguments;
        this.username = username;
    }

    /** Binds the route found; refuses a body declared larger than "MaximumRequestBodySizeMB" before any handler. */
    void bind(OrthancRouter.Match match) {
        RequestBodyLimit.check(request.getContentLengthLong(), maximumBodySize);
        this.parameters = match.parameters();
        this.trailing = match.trailing();
    }

    /** Marks a call made in-process by a Lua script (its uploads have origin "Lua"). */
    void markFromLua() {
        fromLua = true;
    }

    // ------------------------------------------------------------ request

    /** Whether a Lua script made this call in-process (RestApiGet...), rather than an HTTP client. */
    public boolean isFromLua() {
        return fromLua;
    }

    public HttpMethod method() {
        return method;
    }

    /** The request path without its query string. */
    public String uri() {
        return uri;
    }

    /** A path parameter of the route, e.g. {@code id} of {@code /instances/{id}}. */
    public String parameter(String name) {
        return parameters.get(name);
    }

    /** Segments matched by a trailing {@code {name...}} parameter. */
    public List<String> trailing() {
        return trailing;
    }

    /** True if the GET argument is present (with or without a value). */
    public boolean hasArgument(String name) {
        return arguments.containsKey(name);
    }

    /** A GET argument, "" if given without value, or {@code def} if absent. */
    public String argument(String name, String def) {
        List<String> v = arguments.get(name);
        return v == null || v.isEmpty() ? def : v.get(0);
    }

    /**
     * A Boolean GET argument as Orthanc reads it: present without value, "true"
     * or "1" is true; "false" or "0" is false; anything else is a 400.
     */
    public boolean booleanArgument(String name, boolean def) {
        if (!hasArgument(name)) {
            return def;
        }
        String v = argument(name, "").toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new OrthancException(ErrorCode.ParameterOutOfRange,
                    "Expected a Boolean for GET argument \"" + name + "\", found: " + v);
        };
    }

    /** A header of the request, or null. */
    public String header(String name) {
        return request.getHeader(name);
    }

    public String remoteIp() {
        return request.getRemoteAddr();
    }

    /** The authenticated user, "" when authentication is off. */
    public String username() {
        return username;
    }

    /** The request body as a stream (read once), refused past "MaximumRequestBodySizeMB". */
    public InputStream body() throws IOException {
        if (body == null) {
            body = RequestBodyLimit.limit(request.getInputStream(), maximumBodySize);
        }
        return body;
    }

    public String bodyAsString() throws IOException {
        return new String(body().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** The body parsed as JSON; a body that is not JSON is a 400. */
    public JsonNode bodyAsJson() throws IOException {
        return parseJson(bodyAsString());
    }

    /** A body's text parsed as JSON; text that is not JSON is a 400, as Orthanc answers it. */
    static JsonNode parseJson(String text) {
        try {
            JsonNode n = Json.MAPPER.readTree(text);
            if (n == null) {
                throw new OrthancException(ErrorCode.BadRequest, "Presumably an error while parsing the JSON body");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new OrthancException(ErrorCode.BadRequest, "Presumably an error while parsing the JSON body", e);
        }
    }

    // ------------------------------------------------------------ answers

    public boolean answered() {
        return answered;
    }

    /** A JSON answer (XML instead if the client's Accept asks for it). */
    public void answerJson(JsonNode json) throws IOException {
        if (wantsXml()) {
            answer(200, XmlAnswer.of(json).getBytes(StandardCharsets.UTF_8), "application/xml; charset=utf-8");
        } else {
            answer(200, Json.prettyUtf8(json), "application/json; charset=utf-8");
        }
    }

    /** A JSON answer already serialised (tag dumps from the codec); converted when XML is wanted. */
    public void answerJsonText(String json) throws IOException {
        if (wantsXml()) {
            answerJson(Json.MAPPER.readTree(json));
        } else {
            answer(200, json.getBytes(StandardCharsets.UTF_8), "application/json; charset=utf-8");
        }
    }

    private boolean wantsXml() {
        String accept = header("Accept");
        if (accept == null) {
            return false;
        }
        boolean xml = false;
        for (String item : accept.split("[;,]")) {
            String t = item.strip().toLowerCase(Locale.ROOT);
            if (t.equals("application/json")) {
                return false;
            }
            xml |= t.equals("application/xml");
        }
        return xml;
    }

    /** A plain-text answer (no charset, as Orthanc sends it). */
    public void answerText(String text) throws IOException {
        answer(200, text.getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    /** An answer with a body of the given type; an empty body is sent without Content-Type. */
    public void answer(int status, byte[] body, String contentType) throws IOException {
        markAnswered();
        response.setStatus(status);
        setContentType(body.length > 0 ? contentType : null);
        response.setContentLengthLong(body.length);
        if (body.length > 0) {
            try (OutputStream out = response.getOutputStream()) {
                out.write(body);
            }
        }
    }

    /** Streams {@code length} bytes (-1 if unknown) of a given type. */
    public void answerStream(InputStream in, long length, String contentType, String filename) throws IOException {
        markAnswered();
        response.setStatus(200);
        setContentType(contentType);
        if (length >= 0) {
            response.setContentLengthLong(length);
        }
        if (filename != null) {
            response.setHeader("Content-Disposition", "filename=\"" + filename + "\"");
        }
        try (in; OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    /** Writes an answer's body as it goes. */
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Streams a body of unknown length, written by {@code writer} as it goes (a ZIP archive). */
    public void answerStreaming(String contentType, String filename, BodyWriter writer)
            throws IOException {
        markAnswered();
        response.setStatus(200);
        setContentType(contentType);
        if (filename != null) {
            response.setHeader("Content-Disposition", "filename=\"" + filename + "\"");
        }
        try (OutputStream out = response.getOutputStream()) {
            writer.writeTo(out);
        }
    }

    /**
     * Sends the Content-Type exactly as given, or none. Jetty's servlet layer
     * would rewrite {@code application/json; charset=utf-8} as
     * {@code application/json;charset=utf-8} (its MIME cache), and Javalin
     * presets {@code text/plain}; Orthanc sends the former, and no
     * Content-Type without a body.
     */
    private void setContentType(String contentType) {
        setContentType(response, contentType);
    }

    static void setContentType(HttpServletResponse response, String contentType) {
        response.setContentType(null);
        if (response instanceof InProcessResponse) {
            response.setContentType(contentType);
            return;
        }
        if (contentType != null) {
            ServletContextResponse.getServletContextResponse(response).getWrapped().getHeaders()
                    .put(HttpHeader.CONTENT_TYPE, contentType);
        }
    }

    /**
     * Sends a whole file: the bytes go from the file to the connection
     * through large direct buffers, without copies on the Java heap. The
     * file is opened before anything is answered, so a missing one is still
     * an error answer.
     */
    public void answerFile(Path file, String contentType, String filename) throws IOException {
        try (DirectBuffers.SequentialFile source = DirectBuffers.SHARED.openForReading(file)) {
            long size = source.size();
            markAnswered();
            response.setStatus(200);
            response.setContentType(contentType);
            response.setContentLengthLong(size);
            if (filename != null) {
                response.setHeader("Content-Disposition", "filename=\"" + filename + "\"");
            }
            try (OutputStream out = response.getOutputStream()) {
                FileSending.send(source, out);
            }
        }
    }

    /** A 206 answer with part of a body (the caller set Content-Range). */
    public void answerPartial(InputStream in, long length) throws IOException {
        markAnswered();
        response.setStatus(206);
        response.setContentType("application/octet-stream");
        response.setContentLengthLong(length);
        try (in; OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    /** Closes the connection after this answer, as Orthanc does after a streamed archive (before answering). */
    public void closeConnectionAfterAnswer() {
        response.setHeader("Connection", "close");
        response.setHeader("Keep-Alive", null);
    }

    /** Sets a response header (before answering). */
    public void setHeader(String name, String value) {
        response.setHeader(name, value);
    }

    /** An empty answer with the given status (e.g. 403 for forbidden writes). */
    public void answerEmpty(int status) throws IOException {
        answer(status, new byte[0], null);
    }

    private void markAnswered() {
        if (answered) {
            throw new IllegalStateException("answered twice: " + method + " " + uri);
        }
        answered = true;
        UnreadBody.settle(request, response);
    }

    HttpServletResponse response() {
        return response;
    }
}
