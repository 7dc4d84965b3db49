package io.isengard.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The "Warnings" option: which of Orthanc's numbered log warnings are enabled (all by default). */
public record Warnings(Set<Warning> disabled) {
    private static final Logger LOG = LoggerFactory.getLogger(Warnings.class);

    /** Orthanc's numbered warnings; the names are the configuration keys. */
    public enum Warning {
        W001_TagsBeingReadFromStorage, W002_InconsistentDicomTagsInDb, W003_DecoderFailure,
        W004_NoMainDicomTagsSignature, W005_RequestingTagFromLowerResourceLevel, W006_RequestingTagFromMetaHeader,
        W007_MissingRequestedTagsNotReadFromDisk
    }

    public Warnings {
        disabled = disabled.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(disabled));
    }

    public static final Warnings ALL_ENABLED = new Warnings(Set.of());

    public boolean enabled(Warning w) {
        return !disabled.contains(w);
    }

    static Warnings of(OrthancConfiguration config) {
        ObjectNode section = config.getObject("Warnings");
        if (section == null) {
            return ALL_ENABLED;
        }
        Set<Warning> disabled = EnumSet.noneOf(Warning.class);
        Iterator<Map.Entry<String, JsonNode>> it = section.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isBoolean()) {
                throw new OrthancException(ErrorCode.BadParameterType,
                        "The warning \"" + e.getKey() + "\" in \"Warnings\" must be a Boolean (true or false)");
            }
            Warning w = lookup(e.getKey());
            if (w == null) {
                // Orthanc logs an error and goes on: a typo here must not stop a server.
                LOG.error("Invalid warning name in configuration: {}", e.getKey());
            } else if (!e.getValue().asBoolean()) {
                disabled.add(w);
            }
        }
        return new Warnings(disabled);
    }

    private static Warning lookup(String name) {
        for (Warning w : Warning.values()) {
            if (w.name().equals(name)) {
                return w;
            }
        }
        return null;
    }
}
