package io.isengard.server.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.config.OrthancConfiguration;
import io.isengard.server.index.Index;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.rest.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Orthanc peers known to this server (peers.md §1): from "OrthancPeers",
 * or, with "OrthancPeersInDatabase", from the index, where every PUT and
 * DELETE is saved (global property 21, as Orthanc numbers it).
 */
public final class PeerRegistry {
    /** Orthanc's GlobalProperty_Peers. */
    public static final int GLOBAL_PROPERTY_PEERS = 21;

    private final Index index; // null: changes stay in memory
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Map<String, OrthancPeer> peers; // sorted, replaced whole on every change

    private PeerRegistry(Index index, Map<String, OrthancPeer> peers) {
        this.index = index;
        this.peers = peers;
    }

    /** Reads the peers of the configuration, or of the index when "OrthancPeersInDatabase" is true. */
    public static PeerRegistry of(OrthancConfiguration config, Index index) {
        if (config.getBoolean("OrthancPeersInDatabase", false)) {
            String saved = index.read(tx -> tx.globalProperty(GLOBAL_PROPERTY_PEERS));
            return new PeerRegistry(index, parseSaved(saved));
        }
        ObjectNode section = config.getObject("OrthancPeers");
        return new PeerRegistry(null, section == null ? new TreeMap<>() : parseAll(section, config.baseDirectory()));
    }

    /** A registry of these peers, kept in memory only (tests, tools). */
    public static PeerRegistry inMemory(ObjectNode definitions) {
        return new PeerRegistry(null, parseAll(definitions, null));
    }

    static Map<String, OrthancPeer> parseAll(ObjectNode definitions, Path base) {
        Map<String, OrthancPeer> m = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = definitions.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), OrthancPeer.parse(e.getKey(), e.getValue(), base));
        }
        return m;
    }

    private static Map<String, OrthancPeer> parseSaved(String saved) {
        if (saved == null || saved.isBlank()) {
            return new TreeMap<>();
        }
        try {
            JsonNode n = Json.MAPPER.readTree(saved);
            if (!(n instanceof ObjectNode o)) {
                throw new OrthancException(ErrorCode.BadFileFormat, "the peers saved in the index are not a JSON object");
            }
            return parseAll(o, null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new OrthancException(ErrorCode.BadFileFormat, "the peers saved in the index are not JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** The symbolic names, sorted. */
    public List<String> names() {
        return new ArrayList<>(peers.keySet());
    }

    /** Every peer, sorted by name. */
    public List<OrthancPeer> all() {
        return new ArrayList<>(peers.values());
    }

    /** The peer of this name, or null. */
    public OrthancPeer find(String name) {
        return peers.get(name);
    }

    /** The peer of this name; an unknown one is Orthanc's error 17. */
    public OrthancPeer require(String name) {
        OrthancPeer p = peers.get(name);
        if (p == null) {
            throw new OrthancException(ErrorCode.UnknownResource, "No peer with symbolic name: " + name);
        }
        return p;
    }

    /** Creates or replaces a peer (saved in the index when peers live there). */
    public void put(OrthancPeer peer) {
        lock.lock();
        try {
            Map<String, OrthancPeer> m = new TreeMap<>(peers);
            m.put(peer.name(), peer);
            save(m);
            peers = m;
        } finally {
            lock.unlock();
        }
    }

    /** Removes a peer; an unknown one is Orthanc's error 7. */
    public void remove(String name) {
        lock.lock();
        try {
            if (!peers.containsKey(name)) {
                throw new OrthancException(ErrorCode.InexistentItem, "Unknown Orthanc peer: " + name);
            }
            Map<String, OrthancPeer> m = new TreeMap<>(peers);
            m.remove(name);
            save(m);
            peers = m;
        } finally {
            lock.unlock();
        }
    }

    private void save(Map<String, OrthancPeer> m) {
        if (index == null) {
            return;
        }
        ObjectNode o = Json.object();
        m.forEach((name, p) -> o.set(name, p.serialize(true)));
        String text = o.toString();
        index.write(tx -> {
            tx.setGlobalProperty(GLOBAL_PROPERTY_PEERS, text);
            return null;
        });
    }
}
