package io.isengard.server.warmup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isengard.server.Server;
import io.isengard.server.config.ConfigurationLoader;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the hot paths of the REST API — ingest by several clients at once,
 * resource lists and JSON, tags, files, statistics, deletion, a store to a
 * peer — and of the DICOM server (C-ECHO, C-STORE, C-FIND; {@link DicomTraffic}) against a
 * scratch server of its own, before the real server listens. A JVM starts
 * by interpreting: without this, the first few thousand requests after a
 * start are several times slower than the following ones. The scratch
 * server keeps its files in memory where the machine allows it, else beside
 * the storage area ({@link ScratchFolder}), and they are removed afterwards;
 * the user's data is never touched.
 *
 * <p>Rounds repeat until the JIT compiler has little left to do (a round
 * adds under 3% to the total compilation time) or the time budget is spent.
 */
public final class WarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FOLDER = ".isengard-warm-up";
    private static final int INSTANCES = 40;
    /**
     * Small uploads per round besides {@link #INSTANCES}: the upload path runs once per
     * instance, and the JIT compiles it with its optimising compiler only after about a
     * thousand runs; fewer, and that compilation happens under the first real uploads,
     * taking a core from them (a third of the server's CPU in the first minute of a bulk
     * ingest). Tiny images make this cheap; they are deleted at once.
     */
    static final int SMALL_UPLOADS = 160;
    private static final int CLIENTS = 4;
    private static final Duration CATCH_UP = Duration.ofSeconds(1);
    private static final Duration CATCH_UP_STEP = Duration.ofMillis(20);
    /** The longest wait for the JIT's queues to empty after the last round. */
    private static final Duration DRAIN = Duration.ofSeconds(5);
    private static final int READ_REPEATS = 6;
    /**
     * The last phase, once the JIT's queues are empty: uploads of tiny instances and expanded
     * finds, each path run past the point where the JIT moves its code on. Under the rounds'
     * load the JIT compiles most methods first with a cheap compiler that counts only calls
     * (tier 2), and looks at such a method again only every 2048th call, moving it on only if
     * its optimising compiler's queue is short by then: it never was during the rounds, and the
     * code of a request stayed at tier 2 until real requests came (a peer store's receiver
     * then spent 1.3-2.5 s of CPU in the optimising compiler, the first finds ran 30% slower).
     * Scaled down with a zero budget (tests).
     */
    static final int HOT_UPLOADS = 2400;
    static final int HOT_FINDS = 3000;
    /** Rounds of curl-like requests per round of traffic (see {@link OneShotRequests}). */
    private static final int ONE_SHOT_REQUESTS = 40;
    /** The scratch server's peer: itself, so that a store sends real requests to a real server. */
    static final String PEER = "warm-up-self";
    private static final List<String> FIND_QUERIES = List.of(
            "{\"Level\":\"Study\",\"Query\":{\"PatientName\":\"*PATIENT1*\"},\"Expand\":true}",
            "{\"Level\":\"Study\",\"Query\":{\"PatientName\":\"WARMUP^PATIENT2\"}}",
            "{\"Level\":\"Series\",\"Query\":{\"Modality\":\"CT\",\"StudyDate\":\"20250101-\"},\"Expand\":true}",
            "{\"Level\":\"Instance\",\"Query\":{\"PatientID\":\"WARMUP-*\"},\"Limit\":10}");

    private final Path storageDirectory;
    private final Path memory;
    private final Duration budget;
    private boolean lua;
    private boolean syncStorageArea = true;
    private boolean storageCompression;
    private JsonNode postgreSql;
    private Path folder;

    /** {@code storageDirectory}: the real storage area (the scratch folder goes beside it when not in memory). */
    public WarmUp(Path storageDirectory, Duration budget) {
        this(storageDirectory, budget, ScratchFolder.SHARED_MEMORY);
    }

    /** {@code memory}: a folder in memory for the scratch server, or null to put it beside the storage area. */
    WarmUp(Path storageDirectory, Duration budget, Path memory) {
        this.storageDirectory = storageDirectory;
        this.memory = memory;
        this.budget = budget;
    }

    /**
     * Also runs an OnStoredInstance of the warm-up's own for every stored
     * instance (for a server with "LuaScripts": the path from an upload to a
     * script's callback is then compiled before the first real upload; the
     * user's scripts themselves never run in the warm-up).
     */
    public WarmUp withLua(boolean lua) {
        this.lua = lua;
        return this;
    }

    /**
     * Stores the scratch server's files as the real server will ("SyncStorageArea",
     * "StorageCompression"): a branch that the warm-up never took, such as the fsyncs, is
     * one that the compiled code leaves out, and taking it later throws that code away.
     */
    public WarmUp withStorageOptions(boolean syncStorageArea, boolean storageCompression) {
        this.syncStorageArea = syncStorageArea;
        this.storageCompression = storageCompression;
        return this;
    }

    /**
     * Runs the scratch server's index on PostgreSQL, in a schema of its own in the database
     * that {@code section} (the configuration's "PostgreSQL") names ({@link ScratchSchema}),
     * so that the PostgreSQL paths are compiled before real uploads need them; null for SQLite.
     * Where no such schema can be created, the warm-up uses SQLite.
     */
    public WarmUp withPostgreSql(JsonNode section) {
        this.postgreSql = section;
        return this;
    }

    /** The scratch folder of the last run (null before it chose one). */
    Path folder() {
        return folder;
    }

    /**
     * Runs the warm-up; a failure is logged and ignored (the server then
     * simply starts cold). Returns the number of rounds run, and how many
     * requests failed (there should be none).
     */
    public Result run() {
        long start = System.nanoTime();
        int rounds = 0;
        List<Traffic> traffics = new ArrayList<>();
        ch.qos.logback.classic.LoggerContext logs = (ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory();
        ScratchSchema schema = postgreSql == null ? null : ScratchSchema.create(postgreSql);
        String index = schema == null ? "SQLite" : "PostgreSQL";
        ErrorsOnly mute = ErrorsOnly.mute(logs);
        String outcome;
        try {
            folder = ScratchFolder.choose(storageDirectory, memory);
            ScratchFolder.delete(folder);
            Files.createDirectories(folder);
            Path config = folder.resolve("configuration.json");
            // The DICOM server answers only the warm-up's own calling AE from this machine.
            Files.writeString(config, "{\"HttpPort\": 0, \"DicomPort\": 0, \"DicomAlwaysAllowEcho\": false, "
                    + "\"DicomAlwaysAllowStore\": false, \"DicomCheckModalityHost\": true, \"DicomModalities\": "
                    + "{\"warm-up\": [\"" + DicomTraffic.CALLING_AET + "\", \"127.0.0.1\", 104]}, "
                    + luaOptions() + "\"RemoteAccessAllowed\": false, \"SyncStorageArea\": " + syncStorageArea
                    + ", \"StorageCompression\": " + storageCompression + ", "
                    + (schema == null ? "" : "\"PostgreSQL\": " + JSON.writeValueAsString(schema.section()) + ", ")
                    + "\"AuthenticationEnabled\": false, \"StorageDirectory\": " + JSON.writeValueAsString(
                            folder.resolve("storage").toString()) + "}");
            try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
                // Most of the budget on one scratch server, then at least a round on a fresh one: the
                // first requests to a new server take branches (empty pools, metrics without a sample)
                // that the optimised code of a long-running one has left out; taken for the first time
                // by the real server's first requests, they threw that code away and the hot paths were
                // compiled again under real traffic (C2 took 30% of a peer receiver's CPU).
                // The last fifth of the budget is the hot phase's (hotPaths).
                long firstEnd = start + budget.toNanos() * 55 / 100;
                long secondEnd = start + budget.toNanos() * 8 / 10;
                rounds = rounds(config, clients, firstEnd, rounds, traffics, 0);
                rounds = rounds(config, clients, secondEnd, rounds, traffics,
                        budget.isZero() ? HOT_UPLOADS / 60 : HOT_UPLOADS);
            }
            drainCompileQueue();
            outcome = "Warmed up in " + (System.nanoTime() - start) / 1_000_000 + " ms (" + rounds
                    + " rounds of requests against a scratch server, index on " + index + ")";
        } catch (IOException | RuntimeException e) {
            outcome = "Warm-up stopped after " + rounds + " rounds, the server starts without it: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "Warm-up interrupted after " + rounds + " rounds";
        } finally {
            mute.close();
            if (schema != null) {
                schema.drop();
            }
            try {
                if (folder != null) {
                    ScratchFolder.delete(folder);
                }
            } catch (IOException e) {
                LOG.warn("Cannot remove the warm-up folder {}: {}", folder, e.toString());
            }
        }
        LOG.warn(outcome);
        return new Result(rounds, traffics.stream().mapToInt(t -> t.requests.get()).sum(),
                traffics.stream().mapToInt(t -> t.dicom.exchanges()).sum(),
                traffics.stream().mapToInt(t -> t.luaCallbacks).sum(),
                traffics.stream().mapToInt(t -> t.peerInstances).sum(),
                traffics.stream().mapToInt(t -> t.hotRequests).sum(),
                traffics.stream().mapToInt(t -> t.failures.get()).sum(), index);
    }

    /**
     * Starts a scratch server and sends it rounds of traffic until the
     * deadline or until the JIT has settled, one round at least (even on a
     * machine so busy that it takes longer than the budget). Returns the
     * number of rounds run so far.
     */
    private int rounds(Path config, ExecutorService clients, long deadline, int rounds, List<Traffic> traffics,
            int hotUploads) throws IOException, InterruptedException {
        try (Server scratch = Server.start(ConfigurationLoader.withSystemEnvironment().load(config))) {
            Traffic traffic = new Traffic(scratch.httpPort(), scratch.dicomPort(), folder, clients, lua);
            traffics.add(traffic);
            CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
            long compiled = jit.getTotalCompilationTime();
            int first = rounds;
            while (rounds == first || System.nanoTime() < deadline) {
                traffic.round(rounds++);
                letTheCompilerCatchUp(jit, deadline);
                long now = jit.getTotalCompilationTime();
                boolean settled = rounds - first >= 3 && now - compiled < now * 0.03;
                compiled = now;
                if (settled) {
                    break;
                }
            }
            if (hotUploads > 0) {
                drainCompileQueue();
                traffic.hotPaths(hotUploads, hotUploads * HOT_FINDS / HOT_UPLOADS);
            }
            return rounds;
        }
    }

    /**
     * Waits, between rounds, while the JIT compiler is still busy (its total
     * time grows), up to a second and within the budget. While its queue is
     * long the JIT raises the thresholds of its optimising compiler and leaves
     * code at an intermediate tier; on two cores the rounds' traffic kept it so
     * busy that the code of a find, for one, first reached C2 under real
     * requests.
     */
    private static void letTheCompilerCatchUp(CompilationMXBean jit, long deadline) throws InterruptedException {
        long until = Math.min(deadline, System.nanoTime() + CATCH_UP.toNanos());
        long before = jit.getTotalCompilationTime();
        while (System.nanoTime() < until) {
            Thread.sleep(CATCH_UP_STEP);
            long now = jit.getTotalCompilationTime();
            if (now == before) {
                return;
            }
            before = now;
        }
    }

    /**
     * Waits, after the last round, until the JIT compilers have nothing
     * queued or running, up to {@link #DRAIN}: compilations the rounds queued
     * ran after the server started listening (one ingest benchmark's first
     * seconds saw over 250, among them the warm-up's own client), taking a
     * core from the first real requests.
     */
    private static void drainCompileQueue() throws InterruptedException {
        long until = System.nanoTime() + DRAIN.toNanos();
        while (System.nanoTime() < until) {
            String queue = compilerQueue();
            if (queue == null || isIdle(queue)) {
                return;
            }
            Thread.sleep(CATCH_UP_STEP);
        }
    }

    /** The JVM's {@code Compiler.queue} diagnostic command, or null where it is not available. */
    private static String compilerQueue() {
        try {
            return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerQueue",
                    new Object[] {null}, new String[] {String[].class.getName()});
        } catch (javax.management.JMException | RuntimeException notHere) {
            return null;
        }
    }

    /** Whether a {@code Compiler.queue} listing shows no compilation running and none queued. */
    static boolean isIdle(String queue) {
        boolean idle = true;
        String section = "";
        for (String line : queue.split("\\R")) {
            String l = line.strip();
            if (l.endsWith(":") && !l.isEmpty() && !Character.isDigit(l.charAt(0))) {
                section = l;
            } else if (!l.isEmpty() && !l.equals("Empty") && !section.isEmpty()) {
                idle = false; // a compilation running ("Current compiles:") or queued
            }
        }
        return idle;
    }

    /**
     * What a warm-up did: rounds of traffic, HTTP requests sent, DIMSE requests
     * sent, calls of its OnStoredInstance (with {@link #withLua}), instances
     * sent to a peer, requests of the hot phase ({@link #HOT_UPLOADS}), answers
     * of 400 or above and DIMSE statuses other than Success, and the scratch server's index
     * ("SQLite" or "PostgreSQL").
     */
    public record Result(int rounds, int requests, int dicomRequests, int luaCallbacks, int peerInstances,
            int hotRequests, int failures, String index) {}

    /** The warm-up's script: reads a tag, as routing scripts do (which costs a simplified-tags call). */
    private static final String LUA_SCRIPT = """
            warmUpCalls = 0
            function OnStoredInstance(instanceId, tags, metadata, origin)
              if tags['PatientName'] ~= nil then
                warmUpCalls = warmUpCalls + 1
              end
            end
            """;

    private String luaOptions() throws IOException {
        if (!lua) {
            return "";
        }
        Path script = Files.writeString(folder.resolve("warm-up.lua"), LUA_SCRIPT);
        return "\"ExecuteLuaEnabled\": true, \"LuaScripts\": [" + JSON.writeValueAsString(script.toString()) + "], ";
    }

    /**
     * The headers of the usual clients (curl, Python's http.client and requests, browsers).
     * The HTTP parser's optimised code covers only the headers it met while it was being
     * profiled: any other makes it fall back to the interpreter and be compiled again, while
     * the first real clients wait.
     */
    private static final List<String[]> CLIENT_HEADERS = List.of(
            new String[] {},
            new String[] {"User-Agent", "curl/7.88.1", "Accept", "*/*"},
            new String[] {"Accept-Encoding", "identity"},
            new String[] {"User-Agent", "python-requests/2.28.1", "Accept-Encoding", "gzip, deflate",
                "Accept", "*/*"},
            // As a web application such as Orthanc Explorer 2 sends (a browser's own Accept
            // lists application/xml, for which JSON answers would turn into XML).
            new String[] {"User-Agent", "Mozilla/5.0 (X11; Linux x86_64)", "Accept",
                "application/json, text/plain, */*", "Accept-Language",
                "en-US,en;q=0.5", "Accept-Encoding", "gzip, deflate, br", "Cache-Control", "no-cache",
                "Referer", "http://localhost/ui/app/", "Cookie", "session=warm-up"},
            new String[] {"Authorization", "Basic b3J0aGFuYzpvcnRoYW5j", "Accept", "application/json"});

    /** One round of requests, as clients send them. */
    private static final class Traffic {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final String base;
        private final ExecutorService clients;
        private final DicomTraffic dicom;
        private final boolean lua;
        int luaCallbacks;
        int peerInstances;
        int hotRequests;
        private boolean peerDeclared;
        private final OneShotRequests oneShot;
        /** Instances of the round, uploaded again by {@link #oneShotRequests}. */
        private final List<byte[]> oneShotBodies = new ArrayList<>();
        final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();

        Traffic(int port, int dicomPort, Path folder, ExecutorService clients, boolean lua) {
            this.base = "http://127.0.0.1:" + port;
            this.oneShot = new OneShotRequests(port);
            this.clients = clients;
            this.dicom = new DicomTraffic(dicomPort, folder, failures);
            this.lua = lua;
        }

        void round(int round) throws IOException, InterruptedException {
            SyntheticInstances synthetic = new SyntheticInstances(round);
            oneShotBodies.clear();
            List<Future<?>> uploads = new ArrayList<>();
            for (int n = 0; n < INSTANCES; n++) {
                // Both sizes scanners send: small images and 512×512 CT slices.
                byte[] body = synthetic.instance(n, n % 2 == 0 ? 512 : 128);
                if (n < 2) {
                    oneShotBodies.add(body);
                }
                uploads.add(clients.submit(() -> send("POST", "/instances", body)));
            }
            await(uploads);
            burstOfSmallUploads(round);
            dicom.round(round, INSTANCES);
            List<String> instances = ids(send("GET", "/instances"));
            storeToPeer(instances);
            List<Future<?>> reads = new ArrayList<>();
            // Reads are cheap and each runs the whole request path once: repeating them takes that
            // path past the JIT's thresholds for its optimising compiler (thousands of calls).
            for (int repeat = 0; repeat < READ_REPEATS; repeat++) {
                for (String id : instances) {
                    reads.add(clients.submit(() -> {
                        send("GET", "/instances/" + id);
                        send("GET", "/instances/" + id + "/simplified-tags");
                        send("GET", "/instances/" + id + "/tags");
                        send("GET", "/instances/" + id + "/file");
                        send("GET", "/instances/" + id + "/metadata?expand");
                        return null;
                    }));
                }
            }
            await(reads);
            oneShotRequests(instances);
            for (String level : List.of("patients", "studies", "series")) {
                send("GET", "/" + level + "?expand");
                for (String id : ids(send("GET", "/" + level))) {
                    send("GET", "/" + level + "/" + id);
                    send("GET", "/" + level + "/" + id + "/instances");
                    send("GET", "/" + level + "/" + id + "/statistics");
                }
            }
            // Queries as clients send them: wildcards and exact values, IDs only or expanded.
            for (int q = 0; q < 8; q++) {
                for (String query : FIND_QUERIES) {
                    send("POST", "/tools/find", query.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            if (lua) {
                // The callbacks run one after the other on the events thread: some may still be queued.
                byte[] printed = send("POST", "/tools/execute-script",
                        "print(warmUpCalls)".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                luaCallbacks = Integer.parseInt(new String(printed, java.nio.charset.StandardCharsets.UTF_8).trim());
            }
            send("GET", "/statistics");
            send("GET", "/system");
            send("GET", "/changes?limit=100");
            for (String id : ids(send("GET", "/patients"))) {
                send("DELETE", "/patients/" + id);
            }
        }

        /** See {@link #HOT_UPLOADS}: tiny instances uploaded by the clients, expanded finds, then deletions. */
        void hotPaths(int uploads, int finds) throws IOException, InterruptedException {
            int before = requests.get();
            // Instances of 120 patients (20 each, of 2 studies) for the full count.
            java.util.Set<String> patients = uploadTiny(3_000_000L, uploads);
            // The wildcard as clients type it, matching the last patient's two studies alone.
            byte[] query = ("{\"Level\":\"Study\",\"Query\":{\"PatientName\":\"*PATIENT" + (uploads - 1) / 20
                    + "*\"},\"Expand\":true}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            List<Future<?>> searches = new ArrayList<>();
            for (int q = 0; q < finds; q++) {
                searches.add(clients.submit(() -> send("POST", "/tools/find", query)));
            }
            await(searches);
            for (String patient : patients) {
                send("DELETE", "/patients/" + patient);
            }
            hotRequests += requests.get() - before;
        }

        /**
         * Requests on connections that the client closes after one answer, as curl sends
         * them ({@link OneShotRequests}): reads, and uploads of instances already stored.
         */
        private void oneShotRequests(List<String> instances) throws IOException {
            for (int i = 0; i < ONE_SHOT_REQUESTS; i++) {
                String id = instances.get(i % instances.size());
                count(oneShot.send("GET", "/system", null), "one-shot GET /system");
                count(oneShot.send("GET", "/instances/" + id, null), "one-shot GET /instances/" + id);
                count(oneShot.send("POST", "/instances", oneShotBodies.get(i % oneShotBodies.size())),
                        "one-shot POST /instances");
            }
        }

        /** Counts a request; an answer of 400 or above is a failure (the traffic is all valid: there should be none). */
        private void count(int status, String request) {
            requests.incrementAndGet();
            if (status >= 400) {
                failures.incrementAndGet();
                LOG.error("Warm-up: {} answered {}", request, status);
            }
        }

        /** {@code count} instances of 16×16 pixels of a run, uploaded by the clients; their patients' IDs. */
        private java.util.Set<String> uploadTiny(long run, int count) throws IOException, InterruptedException {
            SyntheticInstances tiny = new SyntheticInstances(run);
            List<Future<byte[]>> uploads = new ArrayList<>();
            for (int n = 0; n < count; n++) {
                byte[] body = tiny.instance(n, 16);
                uploads.add(clients.submit(() -> send("POST", "/instances", body)));
            }
            java.util.Set<String> patients = new java.util.LinkedHashSet<>();
            for (Future<byte[]> f : uploads) {
                try {
                    patients.add(JSON.readTree(f.get()).path("ParentPatient").asText());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException("warm-up request failed: " + e.getCause(), e.getCause());
                }
            }
            return patients;
        }

        /**
         * {@link #SMALL_UPLOADS} instances of 16×16 pixels by the clients, expanded finds of
         * every study while they are there, then their patients deleted.
         */
        private void burstOfSmallUploads(int round) throws IOException, InterruptedException {
            java.util.Set<String> patients = uploadTiny(1_000_000L + round, SMALL_UPLOADS);
            // Every study (about 24 now), expanded, as clients' searches return them: the details and
            // JSON of many resources per request (the other finds' few answers leave that half compiled).
            byte[] allStudies = "{\"Level\":\"Study\",\"Query\":{\"PatientName\":\"*\"},\"Expand\":true}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (int q = 0; q < 12; q++) {
                send("POST", "/tools/find", allStudies);
            }
            for (String patient : patients) {
                send("DELETE", "/patients/" + patient);
            }
        }

        /**
         * Sends the instances to the server itself, declared as a peer: the peer client's code
         * (reading the files, HTTP requests of several instances at once, the job) runs nowhere
         * else in the warm-up, and it was the sender's first real store that compiled it (in a
         * benchmark's store of 1000 instances, C2 took about 40% of the sender's CPU). The receiving side
         * answers AlreadyStored, which changes nothing.
         */
        private void storeToPeer(List<String> instances) throws IOException, InterruptedException {
            if (!peerDeclared) {
                peerDeclared = true;
                send("PUT", "/peers/" + PEER, JSON.writeValueAsBytes(java.util.Map.of("Url", base + "/")));
            }
            com.fasterxml.jackson.databind.node.ObjectNode store = JSON.createObjectNode();
            instances.forEach(store.putArray("Resources")::add);
            store.put("Synchronous", true);
            JsonNode answer = JSON.readTree(send("POST", "/peers/" + PEER + "/store", JSON.writeValueAsBytes(store)));
            peerInstances += answer.path("InstancesCount").asInt();
        }

        private static void await(List<Future<?>> futures) throws IOException, InterruptedException {
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException("warm-up request failed: " + e.getCause(), e.getCause());
                }
            }
        }

        private static List<String> ids(byte[] json) throws IOException {
            List<String> ids = new ArrayList<>();
            for (JsonNode n : JSON.readTree(json)) {
                ids.add(n.asText());
            }
            return ids;
        }

        private byte[] send(String method, String path) throws IOException, InterruptedException {
            return send(method, path, null);
        }

        /** Sends a request; an answer of 400 or above is counted (the traffic is all valid: there should be none). */
        private byte[] send(String method, String path, byte[] body) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
            String[] headers = CLIENT_HEADERS.get(Math.floorMod(requests.get(), CLIENT_HEADERS.size()));
            if (headers.length > 0) {
                b.headers(headers);
            }
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
            if (body != null) {
                b.header("Content-Type", method.equals("POST") && path.equals("/instances")
                        ? "application/dicom" : "application/json");
            }
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            count(r.statusCode(), method + " " + path);
            return r.statusCode() < 300 ? r.body() : new byte[] {'[', ']'};
        }
    }
}
