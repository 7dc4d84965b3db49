package io.isengard.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read configuration with Orthanc's typed accessors: a value of the wrong
 * type is a startup error naming the option and the type expected; relative
 * paths resolve against the configuration's folder.
 */
public final class OrthancConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(OrthancConfiguration.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private final ObjectNode root;
    private final Path baseDirectory;

    OrthancConfiguration(ObjectNode root, Path baseDirectory) {
        this.root = root;
        this.baseDirectory = baseDirectory;
    }

    /** The whole configuration, for sections read by their own classes (e.g. "PostgreSQL"). */
    public ObjectNode root() {
        return root;
    }

    public boolean has(String option) {
        return root.has(option) && !root.get(option).isNull();
    }

    public JsonNode get(String option) {
        return root.get(option);
    }

    public boolean getBoolean(String option, boolean def) {
        return getBoolean(root, option, def);
    }

    public int getInt(String option, int def) {
        return getInt(root, option, def);
    }

    public long getLong(String option, long def) {
        JsonNode n = root.get(option);
        if (n == null || n.isNull()) {
            return def;
        }
        if (!n.canConvertToLong() || !n.isIntegralNumber()) {
            throw new OrthancException(ErrorCode.BadParameterType,
                    "The configuration option \"" + option + "\" must be an integer");
        }
        return n.asLong();
    }

    public String getString(String option, String def) {
        return getString(root, option, def);
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

    /** Logs, once per option and process, that an option present in the file is not implemented yet. */
    public void warnIfPresentButUnsupported(String option, String why) {
        if (has(option) && WARNED.add(option)) {
            LOG.warn("Configuration option \"{}\" is not supported by Isengard yet and is ignored ({})", option, why);
        }
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
