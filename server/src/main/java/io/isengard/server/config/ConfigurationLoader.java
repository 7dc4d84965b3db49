package io.isengard.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads an Orthanc configuration (config.md §1): a JSON file, or every
 * {@code .json} file of a folder merged at top level; {@code ${VAR}} and
 * {@code ${VAR:-default}} substituted in the raw text; comments allowed.
 */
public final class ConfigurationLoader {
    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-(\"[^\"]*\"|'[^']*'|[^}\"]*))?\\}");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private final Function<String, String> environment;

    public ConfigurationLoader(Function<String, String> environment) {
        this.environment = environment;
    }

    public static ConfigurationLoader withSystemEnvironment() {
        return new ConfigurationLoader(System::getenv);
    }

    /** The configuration at {@code path} (file or folder); empty defaults when {@code path} is null. */
    public OrthancConfiguration load(Path path) {
        if (path == null) {
            return new OrthancConfiguration(JSON.createObjectNode(), Path.of("").toAbsolutePath());
        }
        if (!Files.exists(path)) {
            throw new OrthancException(ErrorCode.InexistentFile, "Inexistent path to configuration: " + path);
        }
        if (Files.isDirectory(path)) {
            ObjectNode merged = JSON.createObjectNode();
            for (Path file : jsonFilesIn(path)) {
                ObjectNode one = parseFile(file);
                Iterator<Map.Entry<String, JsonNode>> it = one.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (merged.has(e.getKey())) {
                        throw new OrthancException(ErrorCode.BadFileFormat, "The configuration section \""
                                + e.getKey() + "\" is defined in 2 different configuration files");
                    }
                    merged.set(e.getKey(), e.getValue());
                }
            }
            return new OrthancConfiguration(merged, path.toAbsolutePath());
        }
        return new OrthancConfiguration(parseFile(path), path.toAbsolutePath().getParent());
    }

    private static List<Path> jsonFilesIn(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new OrthancException(ErrorCode.InexistentFile, "Cannot list the configuration folder " + dir, e);
        }
    }

    private ObjectNode parseFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OrthancException(ErrorCode.InexistentFile, "Cannot read the configuration file " + file, e);
        }
        return parse(substitute(text), file.toString());
    }

    /** Parses configuration text (after substitution); the root must be an object. */
    public static ObjectNode parse(String text, String origin) {
        JsonNode root;
        try (JsonParser p = JSON.createParser(text)) {
            root = JSON.readTree(p);
        } catch (IOException e) {
            throw new OrthancException(ErrorCode.BadJson,
                    "The configuration file does not follow the JSON syntax: " + origin + ": " + e.getMessage(), e);
        }
        if (!(root instanceof ObjectNode o)) {
            throw new OrthancException(ErrorCode.BadJson,
                    "The configuration file does not follow the JSON syntax: " + origin + " is not a JSON object");
        }
        return o;
    }

    /** Replaces environment variables in the raw text, as Orthanc does before parsing. */
    String substitute(String text) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = environment.apply(m.group(1));
            if (value == null) {
                String def = m.group(2);
                if (def == null) {
                    value = "";
                } else if (def.length() >= 2 && (def.startsWith("\"") || def.startsWith("'"))) {
                    value = def.substring(1, def.length() - 1);
                } else {
                    value = def;
                }
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
