package io.isengard.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A read configuration with Orthanc's typed accessors: a value of the wrong
 * type is a startup error naming the option and the type expected; relative
 * paths resolve against the configuration's folder.
 */
public final class OrthancConfiguration {

    private final ObjectNode root;
    private final Path baseDirectory;
    // Which options the server looked at: lets a test prove that the default configuration lists them all.
    private final Set<String> consulted = ConcurrentHashMap.newKeySet();

    OrthancConfiguration(ObjectNode root, Path baseDirectory) {
        this.root = root;
        this.baseDirectory = baseDirectory;
    }

    /** The whole configuration, for sections read by their own classes (e.g. "PostgreSQL"). */
    public ObjectNode root() {
        return root;
    }

    public boolean has(String option) {
        consulted.add(option);
        return root.has(option) && !root.get(option).isNull();
    }

    public JsonNode get(String option) {
        consulted.add(option);
        return root.get(option);
    }

    public boolean getBoolean(String option, boolean def) {
        consulted.add(option);
        return getBoolean(root, option, def);
    }

    public int getInt(String option, int def) {
        consulted.add(option);
        return getInt(root, option, def);
    }

    public long getLong(String option, long def) {
        consulted.add(option);
        return getLong(root, option, def);
    }

    /** An integer option that Orthanc reads as unsigned: a negative value is out of range. */
    public int getUnsignedInt(String option, int def) {
        int v = getInt(option, def);
        if (v < 0) {
            throw positiveExpected(option);
        }
        return v;
    }

    /** Like {@link #getUnsignedInt} for options whose values may exceed 2^31 (sizes). */
    public long getUnsignedLong(String option, long def) {
        long v = getLong(option, def);
        if (v < 0) {
            throw positiveExpected(option);
        }
        return v;
    }

    public String getString(String option, String def) {
        consulted.add(option);
        return getString(root, option, def);
    }

    /** An option whose value must be a JSON object; null when absent. */
    public ObjectNode getObject(String option) {
        JsonNode n = get(option);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw new OrthancException(ErrorCode.BadParameterType,
                    "The configuration option \"" + option + "\" must be a JSON object");
        }
        return (ObjectNode) n;
    }

    /** An option whose value must be an array of strings; empty when absent. */
    public List<String> getStringList(String option) {
        JsonNode n = get(option);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw new OrthancException(ErrorCode.BadParameterType,
                    "The configuration option \"" + option + "\" must be a list of strings");
        }
        List<String> l = new ArrayList<>();
        for (JsonNode item : n) {
            if (!item.isTextual()) {
                throw new OrthancException(ErrorCode.BadParameterType,
                        "The configuration option \"" + option + "\" must be a list of strings");
            }
            l.add(item.asText());
        }
        return Collections.unmodifiableList(l);
    }

    /** The top-level options present in the file(s), sorted. */
    public Set<String> options() {
        Set<String> s = new TreeSet<>();
        root.fieldNames().forEachRemaining(s::add);
        return Collections.unmodifiableSet(s);
    }

    /** The options the server has asked for so far (present or not). */
    public Set<String> consultedOptions() {
        return Collections.unmodifiableSet(new TreeSet<>(consulted));
    }

    /** A path option resolved against the configuration's folder. */
    public Path getPath(String option, String def) {
        String s = getString(option, def);
        return s == null ? null : resolve(s);
    }

    public Path resolve(String path) {
        return baseDirectory.resolve(path).normalize();
    }

    public Path baseDirectory() {
        return baseDirectory;
    }

    public static boolean getBoolean(JsonNode section, String option, boolean def) {
        JsonNode n = section.get(option);
        if (n == null || n.isNull()) {
            return def;
        }
        if (!n.isBoolean()) {
            throw new OrthancException(ErrorCode.BadParameterType,
                    "The configuration option \"" + option + "\" must be a Boolean (true or false)");
        }
        return n.asBoolean();
    }

    public static int getInt(JsonNode section, String option, int def) {
        JsonNode n = section.get(option);
        if (n == null || n.isNull()) {
            return def;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new OrthancException(ErrorCode.BadParameterType,
                    "The configuration option \"" + option + "\" must be an integer");
        }
        return n.asInt();
    }

    public static long getLong(JsonNode section, String option, long def) {
        JsonNode n = section.get(option);
        if (n == null || n.isNull()) {
            return def;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new OrthancException(ErrorCode.BadParameterType,
                    "The configuration option \"" + option + "\" must be an integer");
        }
        return n.asLong();
    }

    private static OrthancException positiveExpected(String option) {
        return new OrthancException(ErrorCode.ParameterOutOfRange,
                "The configuration option \"" + option + "\" must be a positive integer");
    }

    public static String getString(JsonNode section, String option, String def) {
        JsonNode n = section.get(option);
        if (n == null || n.isNull()) {
            return def;
        }
        if (!n.isTextual()) {
            throw new OrthancException(ErrorCode.BadParameterType,
                    "The configuration option \"" + option + "\" must be a string");
        }
        return n.asText();
    }
}
