package io.isengard.server.differential;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.rest.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * The reference Orthanc and Isengard, started with the same configuration
 * (except ports and folders). Test classes start one pair in @BeforeAll and
 * close it in @AfterAll: starting is what costs.
 */
final class ServerPair implements AutoCloseable {
    private final ReferenceOrthanc orthanc;
    private final IsengardUnderTest isengard;

    private ServerPair(ReferenceOrthanc orthanc, IsengardUnderTest isengard) {
        this.orthanc = orthanc;
        this.isengard = isengard;
    }

    /** The options both servers get: remote access on, authentication off, named alike. */
    static ObjectNode openConfiguration() {
        ObjectNode c = Json.object();
        c.put("Name", "differential");
        c.put("RemoteAccessAllowed", true);
        c.put("AuthenticationEnabled", false);
        return c;
    }

    static ServerPair start(ObjectNode common) {
        return start(common, null);
    }

    /** {@code probeAuthorization}: the Authorization header that lets /system answer, when authentication is on. */
    static ServerPair start(ObjectNode common, String probeAuthorization) {
        ReferenceOrthanc.requireBinary();
        ReferenceOrthanc orthanc = ReferenceOrthanc.start(common, probeAuthorization);
        try {
            return new ServerPair(orthanc, IsengardUnderTest.start(common));
        } catch (RuntimeException | Error e) {
            orthanc.close();
            throw e;
        }
    }

    ReferenceOrthanc orthanc() {
        return orthanc;
    }

    IsengardUnderTest isengard() {
        return isengard;
    }

    RestClient reference() {
        return orthanc.client();
    }

    RestClient candidate() {
        return isengard.client();
    }

    /** The answers of both servers to one GET. */
    record Answers(String uri, HttpAnswer reference, HttpAnswer isengard) {
    }

    private static final int PARALLEL_GETS = 8;

    /**
     * GETs every URI on both servers, several at a time (the comparisons are
     * of read-only answers); the answers come back in the order of {@code uris}.
     */
    List<Answers> getAll(List<String> uris) {
        Semaphore permits = new Semaphore(PARALLEL_GETS);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Answers>> futures = new ArrayList<>();
            for (String uri : uris) {
                futures.add(pool.submit(() -> {
                    permits.acquire();
                    try {
                        return new Answers(uri, reference().get(uri), candidate().get(uri));
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<Answers> out = new ArrayList<>();
            for (Future<Answers> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("GET failed: " + e.getCause(), e.getCause());
        }
    }

    /** Uploads a sample file to both servers (both must store it); returns the reference's answer. */
    com.fasterxml.jackson.databind.JsonNode upload(String sample) {
        var file = SampleFiles.get(sample);
        HttpAnswer r = reference().postFile("/instances", file);
        HttpAnswer g = candidate().postFile("/instances", file);
        if (r.status() != 200 || g.status() != 200) {
            throw new AssertionError("uploading " + sample + ": Orthanc " + r + "\nIsengard " + g);
        }
        return r.json();
    }

    OrthancVersion referenceVersion() {
        return orthanc.version();
    }

    /** Orthanc takes seconds to stop after SIGTERM: the servers are stopped concurrently. */
    @Override
    public void close() {
        Thread t = Thread.ofVirtual().start(isengard::close);
        try {
            orthanc.close();
        } finally {
            join(t);
        }
    }

    /** Closes the pairs (null ones skipped) concurrently. */
    static void closeAll(ServerPair... pairs) {
        List<Thread> threads = new ArrayList<>();
        for (ServerPair p : pairs) {
            if (p != null) {
                threads.add(Thread.ofVirtual().start(p::close));
            }
        }
        threads.forEach(ServerPair::join);
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
