package io.isengard.server.differential;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.server.differential.Difference.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares two JSON documents and reports every difference with its path
 * (not just the first). Arrays are compared element by element, except
 * those declared unordered: compared as multisets of values, or matched by a
 * key member (e.g. "ID" for expanded resource lists), the element's path
 * segment then being its value or key.
 */
final class JsonDiff {
    private record Unordered(PathPattern pattern, String key) {
    }

    private final List<Unordered> unordered;

    private JsonDiff(List<Unordered> unordered) {
        this.unordered = List.copyOf(unordered);
    }

    static JsonDiff ordered() {
        return new JsonDiff(List.of());
    }

    /** Arrays at paths matching {@code pattern} are compared as multisets of values. */
    JsonDiff unordered(String pattern) {
        List<Unordered> l = new ArrayList<>(unordered);
        l.add(new Unordered(PathPattern.of(pattern), null));
        return new JsonDiff(l);
    }

    /** Arrays of objects at paths matching {@code pattern} are matched by their member {@code key}. */
    JsonDiff unorderedBy(String pattern, String key) {
        List<Unordered> l = new ArrayList<>(unordered);
        l.add(new Unordered(PathPattern.of(pattern), key));
        return new JsonDiff(l);
    }

    /** Every difference; {@code reference} and {@code isengard} may be null (absent). */
    List<Difference> compare(String context, JsonNode reference, JsonNode isengard) {
        List<Difference> out = new ArrayList<>();
        diff(context, new ArrayList<>(), reference, isengard, out);
        return out;
    }

    private void diff(String context, List<String> path, JsonNode ref, JsonNode isg, List<Difference> out) {
        if (ref == null && isg == null) {
            return;
        }
        if (ref == null) {
            out.add(new Difference(context, List.copyOf(path), Type.ONLY_IN_ISENGARD, null, isg));
            return;
        }
        if (isg == null) {
            out.add(new Difference(context, List.copyOf(path), Type.ONLY_IN_REFERENCE, ref, null));
            return;
        }
        if (ref.isObject() && isg.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            ref.fieldNames().forEachRemaining(keys::add);
            isg.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                path.add(k);
                diff(context, path, ref.get(k), isg.get(k), out);
                path.remove(path.size() - 1);
            }
            return;
        }
        if (ref.isArray() && isg.isArray()) {
            Unordered rule = unorderedRule(path);
            if (rule == null) {
                int n = Math.max(ref.size(), isg.size());
                for (int i = 0; i < n; i++) {
                    path.add(Integer.toString(i));
                    diff(context, path, ref.get(i), isg.get(i), out);
                    path.remove(path.size() - 1);
                }
            } else {
                Map<String, List<JsonNode>> r = group(ref, rule.key());
                Map<String, List<JsonNode>> g = group(isg, rule.key());
                TreeSet<String> keys = new TreeSet<>(r.keySet());
                keys.addAll(g.keySet());
                for (String k : keys) {
                    List<JsonNode> a = r.getOrDefault(k, List.of());
                    List<JsonNode> b = g.getOrDefault(k, List.of());
                    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                        path.add(k);
                        diff(context, path, i < a.size() ? a.get(i) : null, i < b.size() ? b.get(i) : null, out);
                        path.remove(path.size() - 1);
                    }
                }
            }
            return;
        }
        if (!sameValue(ref, isg)) {
            out.add(new Difference(context, List.copyOf(path), Type.VALUE, ref, isg));
        }
    }

    private Unordered unorderedRule(List<String> path) {
        for (Unordered u : unordered) {
            if (u.pattern().matches(path)) {
                return u;
            }
        }
        return null;
    }

    private static Map<String, List<JsonNode>> group(JsonNode array, String key) {
        Map<String, List<JsonNode>> m = new LinkedHashMap<>();
        Iterator<JsonNode> it = array.elements();
        while (it.hasNext()) {
            JsonNode e = it.next();
            String k;
            if (key != null && e.isObject() && e.has(key)) {
                k = e.get(key).asText();
            } else {
                k = e.isValueNode() ? e.asText() : e.toString();
            }
            m.computeIfAbsent(k, x -> new ArrayList<>()).add(e);
        }
        return m;
    }

    /** Numbers compare by value (Jackson's IntNode(5) is not equal to LongNode(5)). */
    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }
}
