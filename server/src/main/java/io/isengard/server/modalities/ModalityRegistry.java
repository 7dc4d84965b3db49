package io.isengard.server.modalities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.config.OrthancConfiguration;
import io.isengard.server.index.Index;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.rest.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The known DICOM modalities by symbolic name (modalities.md §1-2): from
 * "DicomModalities", or, with "DicomModalitiesInDatabase", from the index
 * (global property 20, as Orthanc) where every change is written before it
 * is acknowledged.
 */
public final class ModalityRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ModalityRegistry.class);

    /** Orthanc's GlobalProperty_Modalities. */
    public static final int GLOBAL_PROPERTY_MODALITIES = 20;

    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9_-]*");

    private final ReentrantLock lock = new ReentrantLock();
    private final TreeMap<String, RemoteModality> modalities = new TreeMap<>();
    /** Null when the modalities live in memory only. */
    private final Index database;

    private ModalityRegistry(Index database) {
        this.database = database;
    }

    /** Modalities held in memory (changes are lost at restart). */
    public static ModalityRegistry inMemory(Map<String, RemoteModality> initial) {
        ModalityRegistry r = new ModalityRegistry(null);
        r.modalities.putAll(initial);
        return r;
    }

    /** Reads "DicomModalities" / "DicomModalitiesInDatabase"; a bad entry stops the startup. */
    public static ModalityRegistry fromConfiguration(OrthancConfiguration config, Index index) {
        JsonNode section = config.get("DicomModalities");
        if (config.getBoolean("DicomModalitiesInDatabase", false)) {
            if (section != null && section.isObject() && section.size() > 0) {
                LOG.warn("\"DicomModalitiesInDatabase\" is true: the {} modalities of \"DicomModalities\" are "
                        + "ignored, the database holds the modalities", section.size());
            }
            ModalityRegistry r = new ModalityRegistry(index);
            String stored = index.read(tx -> tx.globalProperty(GLOBAL_PROPERTY_MODALITIES));
            if (stored != null && !stored.isBlank()) {
                r.modalities.putAll(parseSection(readJson(stored)));
            }
            return r;
        }
        return inMemory(parseSection(section));
    }

    private static JsonNode readJson(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new OrthancException(ErrorCode.BadFileFormat,
                    "The modalities stored in the database (global property 20) are not JSON", e);
        }
    }

    /** A "DicomModalities" object: name → short or long form. */
    public static SortedMap<String, RemoteModality> parseSection(JsonNode section) {
        if (section == null || section.isNull()) {
            return new TreeMap<>();
        }
        if (!section.isObject()) {
            throw new OrthancException(ErrorCode.BadFileFormat,
                    "\"DicomModalities\" must be an object: symbolic name -> modality");
        }
        TreeMap<String, RemoteModality> out = new TreeMap<>();
        section.fields().forEachRemaining(e -> {
            checkName(e.getKey());
            try {
                out.put(e.getKey(), RemoteModality.parse(e.getValue()));
            } catch (OrthancException ex) {
                throw new OrthancException(ex.error(), "modality \"" + e.getKey() + "\": " + ex.details(), ex);
            }
        });
        return out;
    }

    /** Names of modalities and peers: letters, digits, dash and underscore. */
    public static void checkName(String name) {
        if (!VALID_NAME.matcher(name).matches()) {
            throw new OrthancException(ErrorCode.BadFileFormat, "Only alphanumeric, dash characters and underscores "
                    + "are allowed in the names of modalities/peers, but found: " + name);
        }
    }

    /** Sorted names. */
    public List<String> names() {
        lock.lock();
        try {
            return new ArrayList<>(modalities.keySet());
        } finally {
            lock.unlock();
        }
    }

    /** A sorted copy. */
    public SortedMap<String, RemoteModality> all() {
        lock.lock();
        try {
            return new TreeMap<>(modalities);
        } finally {
            lock.unlock();
        }
    }

    public Optional<RemoteModality> find(String name) {
        lock.lock();
        try {
            return Optional.ofNullable(modalities.get(name));
        } finally {
            lock.unlock();
        }
    }

    /** The modality of an operation route; unknown → 404 error 7. */
    public RemoteModality require(String name) {
        return find(name).orElseThrow(() -> new OrthancException(ErrorCode.InexistentItem,
                "No modality with symbolic name: " + name));
    }

    /**
     * The modalities whose AET is {@code aet} (case-insensitive unless
     * {@code strictAetComparison}), for the SCP's checks of a calling AE.
     */
    public List<Map.Entry<String, RemoteModality>> findByAet(String aet, boolean strictAetComparison) {
        List<Map.Entry<String, RemoteModality>> out = new ArrayList<>();
        for (Map.Entry<String, RemoteModality> e : all().entrySet()) {
            String known = e.getValue().aet();
            if (strictAetComparison ? known.equals(aet) : known.toUpperCase(Locale.ROOT).equals(
                    aet.toUpperCase(Locale.ROOT))) {
                out.add(e);
            }
        }
        return out;
    }

    /** Same AET and same host (DicomCheckModalityHost). */
    public List<Map.Entry<String, RemoteModality>> findByAetAndHost(String aet, String host,
            boolean strictAetComparison) {
        return findByAet(aet, strictAetComparison).stream().filter(e -> e.getValue().host().equals(host)).toList();
    }

    /** Adds or replaces a modality (written to the database first when it lives there). */
    public void put(String name, RemoteModality modality) {
        checkName(name);
        lock.lock();
        try {
            TreeMap<String, RemoteModality> next = new TreeMap<>(modalities);
            next.put(name, modality);
            persist(next);
            modalities.put(name, modality);
        } finally {
            lock.unlock();
        }
    }

    /** Removes a modality; unknown → 404 error 7. */
    public void remove(String name) {
        lock.lock();
        try {
            if (!modalities.containsKey(name)) {
                throw new OrthancException(ErrorCode.InexistentItem,
                        "Unknown DICOM modality with symbolic name: " + name);
            }
            TreeMap<String, RemoteModality> next = new TreeMap<>(modalities);
            next.remove(name);
            persist(next);
            modalities.remove(name);
        } finally {
            lock.unlock();
        }
    }

    private void persist(SortedMap<String, RemoteModality> next) {
        if (database == null) {
            return;
        }
        ObjectNode o = Json.object();
        next.forEach((n, m) -> o.set(n, m.toJson()));
        String text = o.toString();
        database.write(tx -> {
            tx.setGlobalProperty(GLOBAL_PROPERTY_MODALITIES, text);
            return null;
        });
        LOG.debug("modalities saved in the database ({} entries)", next.size());
    }
}
