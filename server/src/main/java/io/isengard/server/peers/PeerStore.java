package io.isengard.server.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.dicom.TransferSyntax;
import io.isengard.dicom.io.DicomFile;
import io.isengard.dicom.io.DicomWriter;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.FileInfo;
import io.isengard.server.model.OrthancException;
import io.isengard.server.resources.InstanceFiles;
import io.isengard.server.rest.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of Orthanc's "OrthancPeerStore" job (peers.md §2.8, §3): POST
 * each instance of a list to {@code <peer>/instances}, several at once over
 * kept-alive connections, each file streamed from the storage area.
 *
 * <p>Shaped for the jobs engine: the state is the list, a cursor (every
 * instance before it has been acknowledged by the peer, or skipped as
 * failed), the bytes posted and the failed instances; {@link #run} goes from
 * the cursor to the end or until {@code stopRequested} says so (pause,
 * cancel), and can be called again on a new object built from the saved
 * state. An instance in flight at a stop is sent again on resume: POST
 * /instances is idempotent on an Orthanc peer ("AlreadyStored").
 */
public final class PeerStore {
    private static final Logger LOG = LoggerFactory.getLogger(PeerStore.class);
    /** Instances in flight at once: enough to hide the round trips, few enough not to swamp the peer. */
    public static final int DEFAULT_PARALLELISM = 8;

    /** The options of a store request. {@code transcode}: a transfer syntax UID, or null. */
    public record Options(boolean compress, String transcode, boolean permissive) {
    }

    private final OrthancPeer peer;
    private final OutgoingHttp http;
    private final InstanceFiles files;
    private final List<String> parentResources;
    private final List<String> instances;
    private final Options options;
    private final RetryPolicy retries;
    private final int parallelism;
    private final String description;

    private final ReentrantLock lock = new ReentrantLock();
    private final BitSet done = new BitSet();
    private final Set<String> failed = new LinkedHashSet<>();
    private int cursor;
    private long size;
    private OrthancException failure;

    /**
     * @param cursor index of the first instance not yet acknowledged (0 for a new job)
     * @param size bytes posted so far
     * @param failed instances that failed so far (Permissive)
     */
    public PeerStore(OrthancPeer peer, OutgoingHttp http, InstanceFiles files, String description,
            List<String> parentResources, List<String> instances, Options options, int cursor, long size,
            Set<String> failed, RetryPolicy retries, int parallelism) {
        this.peer = peer;
        this.http = http;
        this.files = files;
        this.description = description;
        this.parentResources = List.copyOf(parentResources);
        this.instances = List.copyOf(instances);
        this.options = options;
        this.cursor = cursor;
        this.size = size;
        this.failed.addAll(failed);
        this.retries = retries;
        this.parallelism = Math.max(1, parallelism);
    }

    /** A new store of these instances, from the start. */
    public static PeerStore of(OrthancPeer peer, OutgoingHttp http, InstanceFiles files, String description,
            List<String> parentResources, List<String> instances, Options options) {
        return new PeerStore(peer, http, files, description, parentResources, instances, options, 0, 0, Set.of(),
                RetryPolicy.DEFAULT, DEFAULT_PARALLELISM);
    }

    /** A connection to this store's peer, for {@link #run}; the caller closes it. */
    public PeerConnection connect() {
        return new PeerConnection(peer, http);
    }

    /**
     * Sends the instances from the cursor on over {@code connection} (from {@link #connect}).
     * Returns normally when all are done (failed ones counted, with Permissive) or when
     * {@code stopRequested} turned true (the cursor then says where to resume); throws Orthanc's
     * error 9 (or -1 for an instance deleted meanwhile) when one fails without Permissive.
     */
    public void run(PeerConnection connection, BooleanSupplier stopRequested) {
        AtomicInteger next = new AtomicInteger(cursor);
        try {
            List<Thread> workers = new ArrayList<>();
            int n = Math.min(parallelism, Math.max(1, instances.size() - cursor));
            for (int w = 0; w < n; w++) {
                workers.add(Thread.ofVirtual().name("peer-store-" + peer.name() + "-" + w).start(() -> {
                    while (true) {
                        if (stopRequested.getAsBoolean() || hasFailed()) {
                            return;
                        }
                        int i = next.getAndIncrement();
                        if (i >= instances.size()) {
                            return;
                        }
                        sendOne(connection, i);
                    }
                }));
            }
            for (Thread t : workers) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrthancException(ErrorCode.CanceledJob, "the store to " + peer + " was interrupted");
        }
        lock.lock();
        try {
            if (failure != null) {
                throw failure;
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean hasFailed() {
        lock.lock();
        try {
            return failure != null;
        } finally {
            lock.unlock();
        }
    }

    private void sendOne(PeerConnection connection, int i) {
        String id = instances.get(i);
        try {
            InstanceFiles.Located located = files.locate(id);
            if (located == null || located.file() == null) {
                // Deleted since the job was made: Orthanc skips it and counts it; without Permissive the job fails.
                finish(i, true, new OrthancException(ErrorCode.InternalError,
                        "instance " + id + " is no longer stored here; it was not sent to " + peer));
                return;
            }
            send(connection, id, located);
            finish(i, false, null);
        } catch (OrthancException e) {
            finish(i, false, e);
        } catch (IOException e) {
            finish(i, false, new OrthancException(ErrorCode.NetworkProtocol,
                    PeerFailures.describe(peer, "sending instance " + id, e), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(i, false, new OrthancException(ErrorCode.CanceledJob, "interrupted"));
        }
    }

    /**
     * Records the end of instance {@code i}: {@code error} null when the peer
     * acknowledged it. As in Orthanc, only an instance that could not be
     * processed at all (deleted meanwhile: {@code notOk}) counts in
     * FailedInstancesCount; a network error is an exception, which Permissive
     * ignores without counting.
     */
    private void finish(int i, boolean notOk, OrthancException error) {
        lock.lock();
        try {
            if (notOk) {
                failed.add(instances.get(i));
            }
            if (error != null) {
                if (!options.permissive()) {
                    if (failure == null) {
                        failure = error;
                    }
                    return; // the cursor stays here: a resubmission starts again from this instance
                }
                LOG.warn("{}: instance {} skipped (Permissive): {}", peer, instances.get(i), error.details());
            }
            done.set(i);
            while (cursor < instances.size() && done.get(cursor)) {
                cursor++;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sends one instance: as stored, or transcoded and/or gzipped into a temporary file first. */
    private void send(PeerConnection connection, String id, InstanceFiles.Located located)
            throws IOException, InterruptedException {
        FileInfo file = located.file();
        Path transcoded = options.transcode() == null ? null : transcode(located);
        Path gzipped = null;
        try {
            if (options.compress()) {
                gzipped = gzip(transcoded != null ? Files.newInputStream(transcoded) : files.open(file));
            }
            Map<String, String> headers = options.compress() ? Map.of("Content-Encoding", "gzip") : Map.of();
            post(connection, id, file, gzipped != null ? gzipped : transcoded, headers);
        } finally {
            if (transcoded != null) {
                Files.deleteIfExists(transcoded);
            }
            if (gzipped != null) {
                Files.deleteIfExists(gzipped);
            }
        }
    }

    /**
     * "Transcode" between transfer syntaxes of native pixel data (implicit,
     * explicit little or big endian, deflated), which the codec writes;
     * anything else, or a failure, sends the original (as Orthanc does when
     * transcoding fails). Returns a temporary file, or null for the original.
     */
    private Path transcode(InstanceFiles.Located located) {
        TransferSyntax target = TransferSyntax.of(options.transcode());
        if (!target.isNative()) {
            LOG.debug("{}: transcoding to {} is not supported, instance {} sent as stored", peer, target.uid(),
                    located.instance().publicId());
            return null;
        }
        Path tmp = null;
        try {
            DicomFile parsed = files.parse(located.instance(), located.file(), false);
            if (!parsed.transferSyntax().isNative() || parsed.transferSyntax().uid().equals(target.uid())) {
                return null;
            }
            tmp = Files.createTempFile("isengard-peer-", ".dcm");
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 65536)) {
                DicomWriter.writeFile(out, parsed.meta(), parsed.dataSet(), target);
            }
            return tmp;
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: instance {} can't be transcoded to {} ({}); the original is sent", peer,
                    located.instance().publicId(), target.uid(), e.toString());
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
            return null;
        }
    }

    /** POST {@code prepared} (or the stored file when null), again on network errors and 5xx answers. */
    private void post(PeerConnection connection, String id, FileInfo file, Path prepared, Map<String, String> headers)
            throws IOException, InterruptedException {
        Optional<Path> asIs = prepared == null ? files.localFile(file) : Optional.empty();
        Optional<ReadAheadBody> readAhead = asIs.isPresent() ? ReadAheadBody.read(asIs.get()) : Optional.empty();
        try {
            for (int attempt = 1; ; attempt++) {
                long length = readAhead.isPresent() ? readAhead.get().length()
                        : prepared != null ? Files.size(prepared) : file.uncompressedSize();
                addSize(length);
                boolean last = attempt >= retries.attempts();
                try {
                    PeerAnswer r = readAhead.isPresent() ? connection.post("instances", readAhead.get(), headers)
                            : connection.post("instances", prepared != null
                                    ? HttpRequest.BodyPublishers.ofFile(prepared) : body(file, asIs), headers);
                    if (r.status() / 100 == 2) {
                        readAhead.ifPresent(ReadAheadBody::delivered);
                        return;
                    }
                    if (r.status() < 500 || last || isFullStorage(r)) {
                        throw new OrthancException(ErrorCode.NetworkProtocol, httpError(id, r));
                    }
                    LOG.warn("{}: instance {} answered HTTP {}, attempt {} of {}", peer, id, r.status(),
                            attempt, retries.attempts());
                } catch (IOException e) {
                    if (last || !PeerFailures.worthRetrying(e)) {
                        throw e;
                    }
                    LOG.warn("{}: instance {}: {}, attempt {} of {}, sent again soon", peer, id, e.toString(),
                            attempt, retries.attempts());
                }
                Thread.sleep(retries.delayBefore(attempt + 1).toMillis());
            }
        } finally {
            readAhead.ifPresent(ReadAheadBody::close);
        }
    }

    /** The stored file as it is ({@code asIs}, its local path) when possible, else decompressed on the fly; the length is known. */
    private HttpRequest.BodyPublisher body(FileInfo file, Optional<Path> asIs) throws IOException {
        if (asIs.isPresent()) {
            return HttpRequest.BodyPublishers.ofFile(asIs.get());
        }
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return files.open(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return HttpRequest.BodyPublishers.fromPublisher(stream, file.uncompressedSize());
    }

    /** "Compress": gzip level 9 into a temporary file (its length must be known before sending). */
    private Path gzip(InputStream source) throws IOException {
        Path tmp = Files.createTempFile("isengard-peer-", ".dcm.gz");
        try (InputStream in = source;
                OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), 65536) {
                    {
                        def.setLevel(Deflater.BEST_COMPRESSION);
                    }
                }) {
            in.transferTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return tmp;
    }

    /** An Orthanc peer whose storage is full: another try won't help. */
    private static boolean isFullStorage(PeerAnswer r) {
        try {
            JsonNode answer = Json.MAPPER.readTree(new String(r.body(), StandardCharsets.UTF_8));
            return answer != null && answer.path("OrthancStatus").asInt() == ErrorCode.FullStorage.code();
        } catch (IOException | RuntimeException notJson) {
            return false;
        }
    }

    private String httpError(String id, PeerAnswer r) {
        StringBuilder sb = new StringBuilder(peer.toString()).append(": instance ").append(id)
                .append(" was refused with HTTP ").append(r.status());
        if (r.status() == 401 || r.status() == 403) {
            sb.append(" (check \"Username\" and \"Password\" of the peer)");
        }
        // An Orthanc peer explains itself in its error JSON (e.g. "The file storage is full").
        try {
            JsonNode answer = Json.MAPPER.readTree(new String(r.body(), StandardCharsets.UTF_8));
            if (answer != null && answer.has("Message")) {
                sb.append(": ").append(answer.get("Message").asText());
                if (answer.hasNonNull("Details") && !answer.get("Details").asText().isEmpty()) {
                    sb.append(" (").append(answer.get("Details").asText()).append(')');
                }
            }
        } catch (IOException | RuntimeException notJson) {
            // the status alone, then
        }
        return sb.toString();
    }

    private void addSize(long n) {
        lock.lock();
        try {
            size += n;
        } finally {
            lock.unlock();
        }
    }

    /** Index of the first instance not yet done: where a resumed run starts. */
    public int cursor() {
        lock.lock();
        try {
            return cursor;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes posted so far, failed posts and retries included (Orthanc's "Size"). */
    public long size() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    public Set<String> failedInstances() {
        lock.lock();
        try {
            return new LinkedHashSet<>(failed);
        } finally {
            lock.unlock();
        }
    }

    /** 0..1, for the job's "Progress". */
    public double progress() {
        return instances.isEmpty() ? 1.0 : (double) cursor() / instances.size();
    }

    public List<String> instances() {
        return instances;
    }

    /** The job content of peers.md §2.8 ("Peer" never shows the password). */
    public ObjectNode content() {
        ObjectNode o = Json.object();
        o.put("Compress", options.compress());
        o.put("Description", description);
        o.put("FailedInstancesCount", failedInstances().size());
        o.put("InstancesCount", instances.size());
        ArrayNode parents = o.putArray("ParentResources");
        new java.util.TreeSet<>(parentResources).forEach(parents::add); // Orthanc keeps them in a std::set
        o.set("Peer", peer.serialize(false));
        long s = size();
        o.put("Size", Long.toString(s));
        o.put("SizeMB", s / (1024 * 1024));
        if (options.transcode() != null) {
            o.put("Transcode", options.transcode());
        }
        return o;
    }
}
