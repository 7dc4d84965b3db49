package io.isengard.server.rest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Orthanc's routing (rest-core.md §1): a URI is split on '/', empty
 * components dropped; patterns have literal components, {@code {name}}
 * components matching one segment, and a trailing {@code {name...}} matching
 * the rest. Literal components win over parameters.
 */
public final class OrthancRouter {

    /** A route matched: the handlers by method and the path parameters. */
    public record Match(Map<HttpMethod, RestHandler> handlers, Map<String, String> parameters, List<String> trailing) {
        /** The Allow header of a 405: registered methods in GET, POST, PUT, DELETE order. */
        public String allow() {
            StringJoiner j = new StringJoiner(",");
            for (HttpMethod m : HttpMethod.values()) {
                if (handlers.containsKey(m)) {
                    j.add(m.name());
                }
            }
            return j.toString();
        }
    }

    private static final class Node {
        final Map<String, Node> literals = new HashMap<>();
        Node parameter;
        String parameterName;
        Map<HttpMethod, RestHandler> trailingHandlers;
        String trailingName;
        final Map<HttpMethod, RestHandler> handlers = new EnumMap<>(HttpMethod.class);
    }

    /** Wraps every handler when its route is registered (e.g. to time it). */
    @FunctionalInterface
    public interface Decorator {
        RestHandler decorate(HttpMethod method, String pattern, RestHandler handler);
    }

    private final Node root = new Node();
    private final Decorator decorator;

    public OrthancRouter() {
        this((method, pattern, handler) -> handler);
    }

    public OrthancRouter(Decorator decorator) {
        this.decorator = decorator;
    }

    public OrthancRouter add(HttpMethod method, String pattern, RestHandler h) {
        RestHandler handler = decorator.decorate(method, pattern, h);
        Node n = root;
        for (String part : split(pattern)) {
            if (part.startsWith("{") && part.endsWith("...}")) {
                n.trailingName = part.substring(1, part.length() - 4);
                if (n.trailingHandlers == null) {
                    n.trailingHandlers = new EnumMap<>(HttpMethod.class);
                }
                putOnce(n.trailingHandlers, method, handler, pattern);
                return this;
            }
            if (part.startsWith("{") && part.endsWith("}")) {
                String name = part.substring(1, part.length() - 1);
                if (n.parameter == null) {
                    n.parameter = new Node();
                    n.parameterName = name;
                } else if (!n.parameterName.equals(name)) {
                    throw new IllegalArgumentException("parameter {" + name + "} of " + pattern
                            + " conflicts with {" + n.parameterName + "}");
                }
                n = n.parameter;
            } else {
                n = n.literals.computeIfAbsent(part, k -> new Node());
            }
        }
        putOnce(n.handlers, method, handler, pattern);
        return this;
    }

    private static void putOnce(Map<HttpMethod, RestHandler> m, HttpMethod method, RestHandler h, String pattern) {
        if (m.put(method, h) != null) {
            throw new IllegalArgumentException(method + " " + pattern + " is registered twice");
        }
    }

    public OrthancRouter get(String pattern, RestHandler h) {
        return add(HttpMethod.GET, pattern, h);
    }

    public OrthancRouter post(String pattern, RestHandler h) {
        return add(HttpMethod.POST, pattern, h);
    }

    public OrthancRouter put(String pattern, RestHandler h) {
        return add(HttpMethod.PUT, pattern, h);
    }

    public OrthancRouter delete(String pattern, RestHandler h) {
        return add(HttpMethod.DELETE, pattern, h);
    }

    /** The route for URI segments (already split and decoded), or null if none. */
    public Match match(List<String> segments) {
        return match(root, segments, 0, new HashMap<>());
    }

    private static Match match(Node n, List<String> segments, int i, Map<String, String> params) {
        if (i == segments.size()) {
            if (!n.handlers.isEmpty()) {
                return new Match(n.handlers, Map.copyOf(params), List.of());
            }
            return n.trailingHandlers != null ? trailing(n, segments, i, params) : null;
        }
        Node lit = n.literals.get(segments.get(i));
        if (lit != null) {
            Match m = match(lit, segments, i + 1, params);
            if (m != null) {
                return m;
            }
        }
        if (n.parameter != null) {
            params.put(n.parameterName, segments.get(i));
            Match m = match(n.parameter, segments, i + 1, params);
            if (m != null) {
                return m;
            }
            params.remove(n.parameterName);
        }
        return n.trailingHandlers != null ? trailing(n, segments, i, params) : null;
    }

    private static Match trailing(Node n, List<String> segments, int i, Map<String, String> params) {
        Map<String, String> p = new HashMap<>(params);
        List<String> rest = List.copyOf(segments.subList(i, segments.size()));
        p.put(n.trailingName, String.join("/", rest));
        return new Match(n.trailingHandlers, Map.copyOf(p), rest);
    }

    /** Splits a path on '/', dropping empty components. */
    public static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
