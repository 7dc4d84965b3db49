package io.isengard.server.rest;

import io.isengard.server.index.IndexException;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.tls.HttpsContext;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextResponse;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: Javalin on Jetty with virtual threads, in front of an
 * {@link OrthancRouter}. Javalin's own routing is bypassed (one handler for
 * every path) because Orthanc's rules differ: empty path components are
 * dropped, 405 lists the registered methods, method overriding, unanswered
 * requests become 404 (400 for POST).
 */
public final class RestServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

    private final HttpSettings settings;
    private final OrthancRouter router;
    private final HttpSecurity security;
    private final Semaphore permits;
    private final Consumer<io.javalin.config.JavalinConfig> extraConfig;
    private volatile HttpRequestFilter filter;
    private Javalin app;

    public RestServer(HttpSettings settings, OrthancRouter router, Consumer<io.javalin.config.JavalinConfig> extraConfig) {
        this.settings = settings;
        this.router = router;
        this.security = new HttpSecurity(settings);
        this.permits = new Semaphore(settings.threadsCount());
        this.extraConfig = extraConfig;
    }

    /** Consults {@code f} before every request (Lua's IncomingHttpRequestFilter); null for none. */
    public void filterWith(HttpRequestFilter f) {
        this.filter = f;
    }

    /**
     * Starts listening on every "HttpBindAddresses" (all IPv4 interfaces when
     * empty), over TLS only when "SslEnabled"; returns the port (useful when
     * the configured port is 0: every address then shares the port that the
     * first one got).
     */
    public int start() {
        // Certificates are read and checked before anything listens: a bad file is a startup error.
        SslContextFactory.Server tls = settings.sslEnabled() ? HttpsContext.create(settings.httpsOptions()) : null;
        List<String> addresses = settings.bindAddresses().isEmpty() ? List.of("0.0.0.0") : settings.bindAddresses();
        List<ServerConnector> connectors = new ArrayList<>();
        app = Javalin.create(cfg -> {
            // Requests run on virtual threads; Jetty's selectors and its non-blocking work on a few
            // platform threads. (Javalin's useVirtualThreads runs everything, selectors included, on
            // virtual threads: a request then costs more thread hand-offs — /tools/now and
            // simplified-tags answered one client 40-50% fewer times per second, see docs/benchmarks.md.)
            QueuedThreadPool pool = new QueuedThreadPool();
            pool.setName("http");
            pool.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("http-"));
            cfg.jetty.threadPool = pool;
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = Long.MAX_VALUE;
            for (HandlerType t : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.DELETE,
                    HandlerType.PATCH, HandlerType.HEAD, HandlerType.OPTIONS)) {
                cfg.routes.addHttpHandler(t, "/", this::serve);
                cfg.routes.addHttpHandler(t, "/<path>", this::serve);
            }
            cfg.jetty.modifyHttpConfiguration(http -> {
                http.setPersistentConnectionsEnabled(settings.keepAlive());
                http.setIdleTimeout(settings.requestTimeout() * 1000L);
                http.setSendServerVersion(false);
                // Jetty reuses, per connection, header fields equal but for case to ones already seen:
                // "Authorization: basic X" after "Authorization: Basic X" would arrive as the latter.
                http.setHeaderCacheCaseSensitive(true);
            });
            // Connectors of our own: Javalin then adds no default (plain HTTP, single address) connector.
            for (String address : addresses) {
                cfg.jetty.addConnector((server, http) -> {
                    ServerConnector c = connector(server, http, address, tls,
                            settings.port() != 0 || connectors.isEmpty() ? settings.port()
                                    : connectors.get(0).getLocalPort());
                    connectors.add(c);
                    return c;
                });
            }
            extraConfig.accept(cfg);
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            connectors.forEach(ServerConnector::close);
            throw new OrthancException(ErrorCode.HttpPortInUse, "cannot listen on port " + settings.port() + " of "
                    + String.join(", ", addresses) + " (" + rootCause(e) + ")", e);
        }
        return app.port();
    }

    private ServerConnector connector(org.eclipse.jetty.server.Server server, HttpConfiguration http, String address,
            SslContextFactory.Server tls, int port) {
        ServerConnector c;
        if (tls == null) {
            c = new ServerConnector(server, new HttpConnectionFactory(http));
        } else {
            HttpConfiguration https = new HttpConfiguration(http);
            // No SNI host check: clients may reach the server by any name or address, as with Orthanc.
            https.addCustomizer(new SecureRequestCustomizer(false));
            c = new ServerConnector(server, new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()),
                    new HttpConnectionFactory(https));
        }
        c.setHost(address);
        c.setPort(port);
        c.setIdleTimeout(settings.requestTimeout() * 1000L);
        if (port == 0) {
            try {
                c.open(); // to learn the port that the other addresses must share
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return c;
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private void serve(Context ctx) throws IOException {
        HttpServletRequest req = ctx.req();
        HttpServletResponse res = ctx.res();
        String rawMethod = req.getMethod().toUpperCase(Locale.ROOT);
        String uri = decodePath(req.getRequestURI());
        res.setContentType(null); // Javalin's default; Orthanc's answers without body have no Content-Type
        res.setHeader("X-Content-Type-Options", "nosniff");
        connectionHeaders(req, res);
        if (!security.isAllowedAddress(req.getRemoteAddr())) {
            unauthorized(req, res);
            return;
        }
        String user = security.authenticate(req.getHeader("Authorization"));
        if (user == null) {
            unauthorized(req, res);
            return;
        }
        HttpMethod method = effectiveMethod(rawMethod, req);
        if (method == null) {
            // WebDAV-style and unknown verbs: Orthanc answers 404 to the former, 400 to the rest.
            empty(req, res, isWebDavVerb(rawMethod) ? 404 : 400);
            return;
        }
        Map<String, List<String>> args = method == HttpMethod.GET || rawMethod.equals("GET")
                ? QueryString.parse(req.getQueryString()) : Map.of();
        RestCall call = new RestCall(req, res, method, uri, args, user, settings.maximumRequestBodySize());
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            if (isFiltered(call, req)) {
                call.answerEmpty(403); // as Orthanc: Forbidden, empty body
            } else {
                dispatch(router, call);
            }
        } catch (OrthancException e) {
            error(call, e);
        } catch (IndexException e) {
            LOG.error("{} {}: {}", method, uri, e.getMessage(), e);
            error(call, new OrthancException(ErrorCode.Database, e.getMessage(), e));
        } catch (NumberFormatException e) {
            error(call, new OrthancException(ErrorCode.BadParameterType, "Syntax error in some user-supplied data", e));
        } catch (org.eclipse.jetty.io.EofException e) {
            LOG.debug("{} {}: the client went away", method, uri);
        } catch (Exception e) {
            LOG.error("{} {}: {}", method, uri, e.toString(), e);
            error(call, new OrthancException(ErrorCode.InternalError, e.toString(), e));
        } finally {
            permits.release();
        }
    }

    private boolean isFiltered(RestCall call, HttpServletRequest req) {
        HttpRequestFilter f = filter;
        return f != null && !f.allows(call.method(), call.uri(), call.remoteIp(), call.username(), () -> {
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : java.util.Collections.list(req.getHeaderNames())) {
                headers.put(name.toLowerCase(Locale.ROOT), req.getHeader(name));
            }
            return headers;
        });
    }

    /** Routes one call (also for in-process calls, {@link InProcessRestApi}). */
    static void dispatch(OrthancRouter router, RestCall call) throws Exception {
        OrthancRouter.Match match = router.match(OrthancRouter.split(call.uri()));
        if (match == null) {
            throw new OrthancException(ErrorCode.UnknownResource);
        }
        RestHandler handler = match.handlers().get(call.method());
        if (handler == null) {
            call.setHeader("Allow", match.allow());
            call.answerEmpty(405);
            return;
        }
        call.bind(match);
        handler.handle(call);
        if (!call.answered()) {
            call.answerEmpty(call.method() == HttpMethod.POST ? 400 : 404);
        }
    }

    /**
     * "Connection: keep-alive" and "Keep-Alive: timeout=N" as Orthanc sends
     * them, or "Connection: close", which makes Jetty close the connection
     * after the answer.
     */
    private void connectionHeaders(HttpServletRequest req, HttpServletResponse res) {
        if (!settings.keepAlive() || clientClosesConnection(req)) {
            res.setHeader("Connection", "close");
            return;
        }
        // Jetty drops "keep-alive" from a Connection header of HTTP/1.1 (it is the default there): a field
        // that Jetty does not recognize as its Connection header goes out as it is.
        if ("HTTP/1.0".equals(req.getProtocol())) {
            res.setHeader("Connection", "keep-alive");
        } else {
            ServletContextResponse.getServletContextResponse(res).getHeaders()
                    .add(new HttpField(null, "Connection", "keep-alive"));
        }
        res.setHeader("Keep-Alive", "timeout=" + settings.keepAliveTimeout());
    }

    /** Whether the client asked for its connection to end with this request (RFC 9112 §9.3). */
    private static boolean clientClosesConnection(HttpServletRequest req) {
        String connection = req.getHeader("Connection");
        String tokens = connection == null ? "" : connection.toLowerCase(Locale.ROOT);
        if ("HTTP/1.0".equals(req.getProtocol())) {
            return !tokens.contains("keep-alive");
        }
        return tokens.contains("close");
    }

    /**
     * The method after faking (rest-core.md §1): a non-empty
     * X-HTTP-Method-Override, or on GET a {@code _method} argument, may only
     * say PUT or DELETE (any case); anything else is refused (null → 400).
     */
    private static HttpMethod effectiveMethod(String raw, HttpServletRequest req) {
        String override = req.getHeader("X-HTTP-Method-Override");
        if (override == null && raw.equals("GET")) {
            Map<String, List<String>> q = QueryString.parse(req.getQueryString());
            List<String> m = q.get("_method");
            override = m == null || m.isEmpty() ? null : m.get(0);
        }
        if (override != null && !override.isEmpty()) {
            return switch (override.toUpperCase(Locale.ROOT)) {
                case "PUT" -> HttpMethod.PUT;
                case "DELETE" -> HttpMethod.DELETE;
                default -> null;
            };
        }
        return switch (raw) {
            case "GET" -> HttpMethod.GET;
            case "POST" -> HttpMethod.POST;
            case "PUT" -> HttpMethod.PUT;
            case "DELETE" -> HttpMethod.DELETE;
            default -> null;
        };
    }

    private static boolean isWebDavVerb(String m) {
        return switch (m) {
            case "HEAD", "OPTIONS", "PROPFIND", "PROPPATCH", "LOCK", "UNLOCK", "MKCOL" -> true;
            default -> false;
        };
    }

    private void unauthorized(HttpServletRequest req, HttpServletResponse res) throws IOException {
        res.setHeader("WWW-Authenticate", HttpSecurity.REALM);
        empty(req, res, 401);
    }

    private static void empty(HttpServletRequest req, HttpServletResponse res, int status) throws IOException {
        UnreadBody.settle(req, res);
        res.setStatus(status);
        res.setContentLengthLong(0);
        res.getOutputStream().close();
    }

    private void error(RestCall call, OrthancException e) throws IOException {
        if (call.answered()) {
            LOG.warn("{} {} failed after its answer started: {}", call.method(), call.uri(), e.getMessage());
            return;
        }
        if (e.httpStatus() >= 500) {
            LOG.error("{} {}: {}", call.method(), call.uri(), e.getMessage());
        } else {
            LOG.info("{} {}: {}", call.method(), call.uri(), e.getMessage());
        }
        if (!settings.describeErrors()) {
            call.answerEmpty(e.httpStatus());
            return;
        }
        var body = Json.object();
        if (e.details() != null) {
            body.put("Details", e.details());
        }
        body.put("HttpError", HttpReason.of(e.httpStatus()));
        body.put("HttpStatus", e.httpStatus());
        body.put("Message", e.error().description());
        body.put("Method", call.method().name());
        body.put("OrthancError", e.error().description());
        body.put("OrthancStatus", e.error().code());
        body.put("Uri", call.uri());
        call.answer(e.httpStatus(), Json.tabs(body).getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    private static String decodePath(String rawPath) {
        if (rawPath.indexOf('%') < 0 && !rawPath.contains("//") && (rawPath.length() == 1 || !rawPath.endsWith("/"))) {
            return rawPath; // nothing to decode or to tidy: the usual case, spared the work below
        }
        StringBuilder sb = new StringBuilder();
        for (String part : rawPath.split("/", -1)) {
            if (!sb.isEmpty() || rawPath.startsWith("/")) {
                sb.append('/');
            }
            sb.append(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        String s = sb.toString().replaceAll("/+", "/");
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
    }

    /** Parses a query string into ordered name → values. */
    static final class QueryString {
        private QueryString() {}

        static Map<String, List<String>> parse(String query) {
            Map<String, List<String>> m = new LinkedHashMap<>();
            if (query == null || query.isEmpty()) {
                return m;
            }
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                m.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(v);
            }
            return m;
        }
    }
}
