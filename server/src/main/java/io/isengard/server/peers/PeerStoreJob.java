package io.isengard.server.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.jobs.Job;
import io.isengard.server.jobs.JobFactory;
import io.isengard.server.jobs.StepResult;
import io.isengard.server.resources.InstanceFiles;
import io.isengard.server.rest.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Orthanc's "OrthancPeerStore" job (jobs.md §5.3, peers.md §2.8): a
 * {@link PeerStore} run in steps of about a second, so that pause, cancel
 * and shutdown take effect between them. A step ends when every instance
 * it took is acknowledged, so the saved cursor never has an acknowledged
 * instance after it: a job reloaded after a restart sends none twice.
 * The steps of one run share a connection to the peer (one HTTP client,
 * its connections kept alive), released when the worker leaves the job.
 */
public final class PeerStoreJob implements Job {
    public static final String TYPE = "OrthancPeerStore";
    /** How long a step takes new instances: pause and cancel wait for at most this and the instances in flight. */
    static final Duration STEP = Duration.ofSeconds(1);

    /** What a store job is made of, kept to rebuild it (resubmission, SaveJobs). */
    record Definition(OrthancPeer peer, String description, List<String> parentResources, List<String> instances,
            PeerStore.Options options) {
    }

    private final Definition definition;
    private final OutgoingHttp http;
    private final InstanceFiles files;
    private final RetryPolicy retries;
    private final int parallelism;
    private final Duration step;
    private PeerStore store;
    /** Guards {@link #connection}: {@link #stop} may run while a step of the next run has begun. */
    private final ReentrantLock connectionLock = new ReentrantLock();
    private PeerConnection connection;
    private boolean stepRunning;

    PeerStoreJob(Definition definition, OutgoingHttp http, InstanceFiles files, RetryPolicy retries, int parallelism,
            int cursor, long size, Set<String> failed) {
        this(definition, http, files, retries, parallelism, cursor, size, failed, STEP);
    }

    /** {@code step}: how long a step takes new instances ({@link #STEP}). */
    PeerStoreJob(Definition definition, OutgoingHttp http, InstanceFiles files, RetryPolicy retries, int parallelism,
            int cursor, long size, Set<String> failed, Duration step) {
        this.step = step;
        this.definition = definition;
        this.http = http;
        this.files = files;
        this.retries = retries;
        this.parallelism = parallelism;
        this.store = newStore(cursor, size, failed);
    }

    private PeerStore newStore(int cursor, long size, Set<String> failed) {
        return new PeerStore(definition.peer(), http, files, definition.description(), definition.parentResources(),
                definition.instances(), definition.options(), cursor, size, failed, retries, parallelism);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public StepResult step() {
        int total = definition.instances().size();
        if (store.cursor() < total) {
            // Workers take no new instance once the step's time is up and the cursor has moved (each
            // step makes progress); they finish theirs. Steps of a few instances each left the
            // pipeline empty at every step's end (1000 instances to a peer on loopback: 32 steps).
            long deadline = System.nanoTime() + step.toNanos();
            int first = store.cursor();
            PeerConnection c = beginStep();
            try {
                store.run(c, () -> System.nanoTime() >= deadline && store.cursor() > first);
            } finally {
                endStep();
            }
        }
        return store.cursor() >= total ? StepResult.success() : StepResult.continueWithNextStep();
    }

    private PeerConnection beginStep() {
        connectionLock.lock();
        try {
            if (connection == null) {
                connection = store.connect();
            }
            stepRunning = true;
            return connection;
        } finally {
            connectionLock.unlock();
        }
    }

    private void endStep() {
        connectionLock.lock();
        try {
            stepRunning = false;
        } finally {
            connectionLock.unlock();
        }
    }

    /**
     * The worker left the job: the connection goes. A step running now belongs to the next run
     * (a worker calls this only after its last step), whose own stop will close it.
     */
    @Override
    public void stop() {
        connectionLock.lock();
        try {
            if (!stepRunning && connection != null) {
                connection.close();
                connection = null;
            }
        } finally {
            connectionLock.unlock();
        }
    }

    @Override
    public double progress() {
        return store.progress();
    }

    @Override
    public ObjectNode content() {
        return store.content();
    }

    @Override
    public void reset() {
        store = newStore(0, 0, Set.of());
    }

    @Override
    public ObjectNode serialize() {
        ObjectNode o = Json.object();
        o.put("Description", definition.description());
        o.put("PeerName", definition.peer().name());
        o.set("Peer", definition.peer().serialize(true)); // as Orthanc, the saved job can reconnect: password kept
        ArrayNode parents = o.putArray("ParentResources");
        definition.parentResources().forEach(parents::add);
        ArrayNode instances = o.putArray("Instances");
        definition.instances().forEach(instances::add);
        o.put("Compress", definition.options().compress());
        if (definition.options().transcode() != null) {
            o.put("Transcode", definition.options().transcode());
        }
        o.put("Permissive", definition.options().permissive());
        o.put("Position", store.cursor());
        o.put("Size", store.size());
        ArrayNode failed = o.putArray("FailedInstances");
        store.failedInstances().forEach(failed::add);
        return o;
    }

    /** Rebuilds saved jobs (SaveJobs), at their saved cursor. */
    public static JobFactory factory(OutgoingHttp http, InstanceFiles files, RetryPolicy retries, int parallelism) {
        return saved -> {
            OrthancPeer peer = OrthancPeer.parse(text(saved, "PeerName"), saved.get("Peer"), null);
            JsonNode transcode = saved.get("Transcode");
            Definition d = new Definition(peer, text(saved, "Description"), strings(saved, "ParentResources"),
                    strings(saved, "Instances"), new PeerStore.Options(saved.path("Compress").asBoolean(),
                            transcode == null ? null : transcode.asText(), saved.path("Permissive").asBoolean()));
            int cursor = saved.path("Position").asInt();
            if (cursor < 0 || cursor > d.instances().size()) {
                throw new IllegalArgumentException("saved position " + cursor + " is not within the "
                        + d.instances().size() + " instances");
            }
            return new PeerStoreJob(d, http, files, retries, parallelism, cursor, saved.path("Size").asLong(),
                    new LinkedHashSet<>(strings(saved, "FailedInstances")));
        };
    }

    private static String text(JsonNode saved, String field) {
        JsonNode n = saved.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("the saved job has no string \"" + field + "\"");
        }
        return n.asText();
    }

    private static List<String> strings(JsonNode saved, String field) {
        JsonNode a = saved.get(field);
        if (a == null || !a.isArray()) {
            throw new IllegalArgumentException("the saved job has no list \"" + field + "\"");
        }
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }
}
