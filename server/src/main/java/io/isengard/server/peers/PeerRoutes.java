package io.isengard.server.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.rest.JobSubmission;
import io.isengard.server.rest.Json;
import io.isengard.server.rest.OrthancRouter;
import io.isengard.server.rest.RestCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The /peers routes (peers.md §2). */
public final class PeerRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(PeerRoutes.class);

    /** The error statuses Orthanc's REST output can answer (RestApiOutput::SignalError). */
    private static final java.util.Set<Integer> RELAYED_STATUSES = java.util.Set.of(400, 403, 415, 500);

    private final PeerRegistry peers;
    private final OutgoingHttp http;
    private final PeerStoreService stores;
    private final JobSubmission jobs;

    public PeerRoutes(PeerRegistry peers, OutgoingHttp http, PeerStoreService stores, JobSubmission jobs) {
        this.jobs = jobs;
        this.peers = peers;
        this.http = http;
        this.stores = stores;
    }

    public void register(OrthancRouter r) {
        r.get("/peers", this::list);
        r.get("/peers/{id}", this::subRoutes);
        r.put("/peers/{id}", this::put);
        r.delete("/peers/{id}", call -> {
            peers.remove(call.parameter("id"));
            call.answerText("");
        });
        r.get("/peers/{id}/configuration", call ->
                call.answerJson(peers.require(call.parameter("id")).publicDescription()));
        r.get("/peers/{id}/system", this::system);
        r.post("/peers/{id}/store", this::store);
        r.post("/peers/{id}/store-straight", this::storeStraight);
    }

    private void list(RestCall call) throws IOException {
        if (call.booleanArgument("expand", false)) {
            ObjectNode o = Json.object();
            for (OrthancPeer p : peers.all()) {
                o.set(p.name(), p.publicDescription());
            }
            call.answerJson(o);
        } else {
            ArrayNode a = Json.array();
            peers.names().forEach(a::add);
            call.answerJson(a);
        }
    }

    private void subRoutes(RestCall call) throws IOException {
        if (peers.find(call.parameter("id")) == null) {
            return; // Orthanc: 404 with an empty body
        }
        ArrayNode a = Json.array();
        for (String s : new String[] {"configuration", "store", "store-straight", "system"}) {
            a.add(s);
        }
        call.answerJson(a);
    }

    private void put(RestCall call) throws IOException {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(call.bodyAsString());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return; // Orthanc's handler does not answer a body that is not JSON: 404
        }
        if (body == null || body.isMissingNode()) {
            return;
        }
        String name = call.parameter("id");
        OrthancPeer.checkName(name);
        peers.put(OrthancPeer.parse(name, body, null));
        LOG.info("Orthanc peer \"{}\" created or replaced by a REST call", name);
        call.answerText("");
    }

    private void system(RestCall call) throws IOException {
        OrthancPeer peer = peers.require(call.parameter("id"));
        HttpResponse<byte[]> r;
        try (PeerConnection c = new PeerConnection(peer, http)) {
            r = c.get("system");
        } catch (IOException e) {
            throw new OrthancException(ErrorCode.NetworkProtocol, PeerFailures.describe(peer, "GET /system", e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrthancException(ErrorCode.NetworkProtocol, peer + ": GET /system interrupted");
        }
        if (r.statusCode() / 100 != 2) {
            LOG.warn("{}: GET /system answered HTTP {}", peer, r.statusCode());
            if (RELAYED_STATUSES.contains(r.statusCode())) {
                call.answerEmpty(r.statusCode()); // Orthanc relays the status, with no body
                return;
            }
            // Orthanc's REST API can only signal these statuses; others become its error 2005.
            throw new OrthancException(ErrorCode.BadHttpStatusInRest, peer + ": GET /system answered HTTP "
                    + r.statusCode() + (r.statusCode() == 401 ? " (check \"Username\" and \"Password\" of the peer)" : ""));
        }
        call.answer(200, r.body(), "application/json");
    }

    private void store(RestCall call) throws IOException, InterruptedException {
        PeerStoreRequest request = PeerStoreRequest.parse(call.bodyAsString());
        PeerStoreService.Prepared prepared = stores.prepare(call.parameter("id"), request);
        jobs.answer(call, stores.newJob(prepared), new JobSubmission.Options(!request.asynchronous(),
                request.priority(), request.permissive(), request.userData()));
    }

    private void storeStraight(RestCall call) throws IOException {
        OrthancPeer peer = peers.require(call.parameter("id"));
        String length = call.header("Content-Length");
        InputStream in = call.body();
        HttpRequest.BodyPublisher body;
        if (length != null && !length.isBlank()) {
            // Streamed to the peer as it arrives: the request is never held whole in memory.
            HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> in);
            body = HttpRequest.BodyPublishers.fromPublisher(stream, Long.parseLong(length.strip()));
        } else {
            body = HttpRequest.BodyPublishers.ofByteArray(in.readAllBytes()); // chunked upload: bounded by the body limit
        }
        // Orthanc's details (1.12) start with "Cannot send DICOM to remote peer: <id>"; what happened follows.
        String cannot = "Cannot send DICOM to remote peer: " + peer.name();
        PeerAnswer r;
        try (PeerConnection c = new PeerConnection(peer, http)) {
            r = c.post("instances", body, Map.of());
        } catch (IOException e) {
            throw new OrthancException(ErrorCode.NetworkProtocol, cannot + " ("
                    + PeerFailures.describe(peer, "POST /instances", e) + ")", e);
        } catch (UncheckedIOException e) {
            throw new OrthancException(ErrorCode.NetworkProtocol, cannot + " (reading the request failed: "
                    + e.getCause().getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrthancException(ErrorCode.NetworkProtocol, cannot + " (interrupted)");
        }
        if (r.status() / 100 != 2) {
            throw new OrthancException(ErrorCode.NetworkProtocol, cannot + " (it answered HTTP " + r.status()
                    + (r.status() == 401 ? ": check \"Username\" and \"Password\" of the peer" : "") + ")");
        }
        call.answer(200, r.body(), "application/json");
    }
}
