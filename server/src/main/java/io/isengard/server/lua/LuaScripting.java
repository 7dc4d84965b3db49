package io.isengard.server.lua;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.dicom.DataSet;
import io.isengard.dicom.json.OrthancFormat;
import io.isengard.dicom.json.OrthancJson;
import io.isengard.dicom.json.OrthancJsonOptions;
import io.isengard.server.config.OrthancConfiguration;
import io.isengard.server.ingest.IngestOrigin;
import io.isengard.server.ingest.StoreResult;
import io.isengard.server.ingest.StoreStatus;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.ResourceType;
import io.isengard.server.resources.ResourceDeleter;
import io.isengard.server.rest.HttpMethod;
import io.isengard.server.rest.InProcessRestApi;
import io.isengard.server.rest.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orthanc's Lua scripting (lua.md): the two interpreters ("main" for events,
 * HTTP and C-FIND filters and /tools/execute-script; "filter" for
 * ReceivedInstanceFilter and ReceivedCStoreInstanceFilter), both loaded with
 * "LuaScripts" at start-up; the entry points the server calls for each
 * callback. Event callbacks run asynchronously, in order, on one thread;
 * filters run in the caller's thread. When a callback is not defined, its
 * entry point returns at once without taking any lock.
 */
public final class LuaScripting implements AutoCloseable, ResourceDeleter.DeletionListener {
    private static final Logger LOG = LoggerFactory.getLogger("io.isengard.server.lua");
    /** The chunk name of execute-script, as Orthanc's messages show it. */
    static final String EXECUTE_CHUNK = "=[string \"line\"]";

    private final LuaContext main = new LuaContext("main");
    private final LuaContext filter = new LuaContext("filter");
    private final InProcessRestApi api;
    private final LuaOperations operations;
    private final LuaEvents events = new LuaEvents();
    private final boolean executeEnabled;
    private final int heartBeatPeriodSeconds;
    private Thread heartBeat;

    private LuaScripting(InProcessRestApi api, boolean executeEnabled, int heartBeatPeriodSeconds) {
        this.api = api;
        this.operations = new LuaOperations(api);
        this.executeEnabled = executeEnabled;
        this.heartBeatPeriodSeconds = heartBeatPeriodSeconds;
    }

    /**
     * Creates both contexts and runs "LuaScripts" in each, in order (paths
     * relative to the configuration's folder).
     *
     * @throws OrthancException a script that is missing or fails stops the start-up
     */
    public static LuaScripting load(OrthancConfiguration config, InProcessRestApi api) {
        LuaScripting s = new LuaScripting(api, config.getBoolean("ExecuteLuaEnabled", false),
                config.getInt("LuaHeartBeatPeriod", 0));
        for (LuaContext c : List.of(s.main, s.filter)) {
            c.locked(() -> {
                LuaFunctions.install(c, api, config.root());
                // The filter context has the helpers too, as in Orthanc, but they never record there.
                (c == s.main ? s.operations : new LuaOperations(api)).install(c.globals());
                return null;
            });
        }
        try {
            s.runScripts(config);
        } catch (RuntimeException e) {
            s.events.close(); // no Finalize: the scripts did not all run
            throw e;
        }
        return s;
    }

    private void runScripts(OrthancConfiguration config) {
        for (String script : config.getStringList("LuaScripts")) {
            Path file = config.resolve(script);
            String source;
            try {
                source = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new OrthancException(ErrorCode.InexistentFile, "LuaScripts: no Lua script at " + file);
            } catch (IOException e) {
                throw new OrthancException(ErrorCode.InexistentFile, "LuaScripts: cannot read " + file + ": " + e);
            }
            LOG.warn("Installing the Lua scripts from: {}", file);
            String chunk = "@" + file.getFileName();
            main.execute(source, chunk);
            filter.execute(source, chunk);
        }
    }

    /** Queues Initialize() and starts OnHeartBeat (if defined and "LuaHeartBeatPeriod" is positive). */
    public void start() {
        queue("Initialize", List::of);
        if (heartBeatPeriodSeconds > 0 && main.isDefined("OnHeartBeat")) {
            heartBeat = Thread.ofVirtual().name("lua-heartbeat").start(this::beat);
        }
    }

    private void beat() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(heartBeatPeriodSeconds * 1000L);
            } catch (InterruptedException e) {
                return;
            }
            callLogged(main, "OnHeartBeat");
        }
    }

    // ------------------------------------------------------------ /tools/execute-script

    /** Whether "ExecuteLuaEnabled" allows /tools/execute-script. */
    public boolean isExecuteEnabled() {
        return executeEnabled;
    }

    /** Runs a script in the main context; answers what it printed (lua.md §6). */
    public String execute(String source) {
        return main.execute(source, EXECUTE_CHUNK);
    }

    // ------------------------------------------------------------ filters (synchronous)

    /** IncomingHttpRequestFilter: true if undefined; a non-Boolean answer is NotLuaPredicate (500). */
    public boolean allowsHttpRequest(HttpMethod method, String uri, String ip, String username,
            Supplier<Map<String, String>> headers) {
        if (!main.isDefined("IncomingHttpRequestFilter")) {
            return true;
        }
        return predicate(main, "IncomingHttpRequestFilter", () -> new LuaValue[] {LuaValue.valueOf(method.name()),
                LuaValue.valueOf(uri), LuaValue.valueOf(ip), LuaValue.valueOf(username == null ? "" : username),
                stringTable(headers.get())});
    }

    /** ReceivedInstanceFilter of the filter context (only LuaScripts define it there, as in Orthanc). */
    public boolean acceptsReceivedInstance(DataSet dataSet, String transferSyntaxUid, boolean hasPixelData,
            IngestOrigin origin) {
        if (!filter.isDefined("ReceivedInstanceFilter")) {
            return true;
        }
        return predicate(filter, "ReceivedInstanceFilter", () -> new LuaValue[] {simplified(dataSet),
                origin(origin), info(transferSyntaxUid, hasPixelData)});
    }

    /**
     * ReceivedCStoreInstanceFilter, after ReceivedInstanceFilter for C-STORE:
     * the integer answered is used as a Boolean (0: discarded). Wired when the
     * DICOM server lands.
     */
    public boolean acceptsReceivedCStoreInstance(DataSet dataSet, String transferSyntaxUid, boolean hasPixelData,
            IngestOrigin origin) {
        if (!filter.isDefined("ReceivedCStoreInstanceFilter")) {
            return true;
        }
        LuaValue r = invoke(filter, "ReceivedCStoreInstanceFilter", () -> new LuaValue[] {simplified(dataSet),
                origin(origin), info(transferSyntaxUid, hasPixelData)}).arg1();
        if (!r.isnumber()) {
            throw new OrthancException(ErrorCode.LuaReturnsNoString,
                    "ReceivedCStoreInstanceFilter must return an integer");
        }
        return r.todouble() != 0;
    }

    /**
     * IncomingFindRequestFilter (C-FIND SCP, not worklists): the query as
     * "gggg,eeee" → value; answers the query to run (keys as the script gave
     * them: "gggg,eeee" or tag names). Wired when the DICOM server lands.
     */
    public Map<String, String> filterIncomingFind(Map<String, String> query, String remoteIp, String remoteAet,
            String calledAet) {
        if (!main.isDefined("IncomingFindRequestFilter")) {
            return query;
        }
        Map<String, String> origin = new LinkedHashMap<>();
        origin.put("RemoteIp", remoteIp);
        origin.put("RemoteAet", remoteAet);
        origin.put("CalledAet", calledAet);
        origin.put("Manufacturer", "Generic");
        return queryAnswer(invoke(main, "IncomingFindRequestFilter",
                () -> new LuaValue[] {stringTable(query), stringTable(origin)}).arg1());
    }

    /** IncomingWorklistRequestFilter: the query with its sequences as JSON. Wired with the worklists. */
    public JsonNode filterIncomingWorklist(JsonNode query, String remoteIp, String remoteAet, String calledAet) {
        if (!main.isDefined("IncomingWorklistRequestFilter")) {
            return query;
        }
        Map<String, String> origin = new LinkedHashMap<>();
        origin.put("RemoteIp", remoteIp);
        origin.put("RemoteAet", remoteAet);
        origin.put("CalledAet", calledAet);
        origin.put("Manufacturer", "Generic");
        LuaValue r = invoke(main, "IncomingWorklistRequestFilter",
                () -> new LuaValue[] {LuaJson.toLua(query), stringTable(origin)}).arg1();
        if (!r.istable()) {
            throw new OrthancException(ErrorCode.LuaBadOutput,
                    "Lua: IncomingWorklistRequestFilter must return a table");
        }
        return LuaJson.toJson(r, true);
    }

    /** OutgoingFindRequestFilter, before each C-FIND SCU, with the queried modality's AET. Wired with modalities. */
    public Map<String, String> filterOutgoingFind(Map<String, String> query, String modalityAet) {
        if (!main.isDefined("OutgoingFindRequestFilter")) {
            return query;
        }
        return queryAnswer(invoke(main, "OutgoingFindRequestFilter",
                () -> new LuaValue[] {stringTable(query), LuaValue.valueOf(modalityAet)}).arg1());
    }

    /**
     * OutgoingCStoreInstanceFilter (1.12.11) for a stored instance, before the
     * C-STORE SCU of a store job sends it: false → it is not sent. Its
     * simplified tags are read only when the callback is defined.
     */
    public boolean acceptsOutgoingCStore(String instanceId, String remoteIp, String remoteAet) {
        if (!main.isDefined("OutgoingCStoreInstanceFilter")) {
            return true;
        }
        InProcessRestApi.Answer tags = api.call(HttpMethod.GET, "/instances/" + instanceId + "/simplified-tags", null,
                Map.of());
        return acceptsOutgoingCStore(tags.status() == 200 ? parse(tags.body()) : Json.MAPPER.createObjectNode(),
                remoteIp, remoteAet);
    }

    /** OutgoingCStoreInstanceFilter (1.12.11) on the simplified tags of the instance: false → it is not sent. */
    public boolean acceptsOutgoingCStore(JsonNode simplifiedTags, String remoteIp, String remoteAet) {
        if (!main.isDefined("OutgoingCStoreInstanceFilter")) {
            return true;
        }
        Map<String, String> destination = new LinkedHashMap<>();
        destination.put("RemoteIp", remoteIp);
        destination.put("RemoteAet", remoteAet);
        return predicate(main, "OutgoingCStoreInstanceFilter",
                () -> new LuaValue[] {LuaJson.toLua(simplifiedTags), stringTable(destination)});
    }

    private static Map<String, String> queryAnswer(LuaValue r) {
        String error = "Lua: The script must return a table mapping names of DICOM tags to strings";
        if (!r.istable()) {
            throw new OrthancException(ErrorCode.LuaBadOutput, error);
        }
        Map<String, String> m = new LinkedHashMap<>();
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs n = r.next(k);
            k = n.arg1();
            if (k.isnil()) {
                return m;
            }
            if (!k.isstring() || n.arg(2).type() != LuaValue.TSTRING) {
                throw new OrthancException(ErrorCode.LuaBadOutput, error);
            }
            m.put(k.tojstring(), n.arg(2).tojstring());
        }
    }

    private boolean predicate(LuaContext context, String function, Supplier<LuaValue[]> args) {
        LuaValue r = invoke(context, function, args).arg1();
        if (!r.isboolean()) {
            LOG.error("Lua: {} answered {}, not true or false", function, r.typename());
            throw new OrthancException(ErrorCode.NotLuaPredicate);
        }
        return r.toboolean();
    }

    /** Calls a filter: a Lua error is logged and becomes CannotExecuteLua for the caller (as in Orthanc). */
    private static Varargs invoke(LuaContext context, String function, Supplier<LuaValue[]> args) {
        try {
            Varargs r = context.locked(() -> {
                // Arguments are built under the lock: LuaJ tables belong to one interpreter at a time.
                return context.call(function, args.get());
            });
            return r == null ? LuaValue.TRUE : r; // undefined in the meantime: nothing filtered
        } catch (LuaError e) {
            String m = LuaContext.message(e);
            LOG.error("Lua: error in {}: {}", function, m);
            throw new OrthancException(ErrorCode.CannotExecuteLua, m, e);
        }
    }

    // ------------------------------------------------------------ events (asynchronous)

    /** OnStoredInstance(instanceId, tags, metadata, origin) for Success and AlreadyStored. */
    public void storedInstance(StoreResult result, IngestOrigin origin) {
        if (!main.isDefined("OnStoredInstance")
                || (result.status() != StoreStatus.Success && result.status() != StoreStatus.AlreadyStored)) {
            return;
        }
        String id = result.instanceId();
        // Tags and metadata are read when the script first uses them (most never do): see LazyTable.
        events.add(() -> runWithOperations("OnStoredInstance", () -> new LuaValue[] {LuaValue.valueOf(id),
                new LazyTable(() -> jsonFromApi("/instances/" + id + "/simplified-tags")),
                new LazyTable(() -> jsonFromApi("/instances/" + id + "/metadata?expand")), origin(origin)}));
    }

    /** OnStablePatient/Study/Series(id, tags, metadata), if the resource still exists. */
    public void stable(ResourceType level, String id) {
        String callback = switch (level) {
            case PATIENT -> "OnStablePatient";
            case STUDY -> "OnStableStudy";
            case SERIES -> "OnStableSeries";
            case INSTANCE -> null;
        };
        if (callback == null || !main.isDefined(callback)) {
            return;
        }
        String base = "/" + level.uriSegment() + "/" + id;
        events.add(() -> {
            InProcessRestApi.Answer resource = api.call(HttpMethod.GET, base, null, Map.of());
            if (resource.status() != 200) {
                return; // deleted in the meantime: Orthanc calls only for existing resources
            }
            LuaValue tags = LuaJson.toLua(parse(resource.body()).path("MainDicomTags"));
            LuaValue metadata = jsonFromApi(base + "/metadata?expand");
            runWithOperations(callback, () -> new LuaValue[] {LuaValue.valueOf(id), tags, metadata});
        });
    }

    /** Whether an OnDeleted* callback is defined (deletions then list what they remove). */
    @Override
    public boolean isListening() {
        for (ResourceType level : ResourceType.values()) {
            if (main.isDefined("OnDeleted" + level.label())) {
                return true;
            }
        }
        return false;
    }

    /** OnDeletedPatient/Study/Series/Instance(id), once per removed resource at every level. */
    @Override
    public void deleted(ResourceType level, String id) {
        queueIfDefined("OnDeleted" + level.label(), id);
    }

    /** OnUpdatedPatient/Study/Series/Instance(id), when metadata or attachments change. */
    public void updated(ResourceType level, String id) {
        queueIfDefined("OnUpdated" + level.label(), id);
    }

    /** OnJobSubmitted(jobId), when the job enters the registry. Wired with the jobs engine. */
    public void onJobSubmitted(String jobId) {
        queueIfDefined("OnJobSubmitted", jobId);
    }

    /** OnJobSuccess(jobId). Wired with the jobs engine. */
    public void onJobSuccess(String jobId) {
        queueIfDefined("OnJobSuccess", jobId);
    }

    /** OnJobFailure(jobId). Wired with the jobs engine. */
    public void onJobFailure(String jobId) {
        queueIfDefined("OnJobFailure", jobId);
    }

    private void queueIfDefined(String callback, String id) {
        if (main.isDefined(callback)) {
            queue(callback, () -> List.of(LuaValue.valueOf(id)));
        }
    }

    private void queue(String callback, Supplier<List<LuaValue>> args) {
        events.add(() -> callLogged(main, callback, args.get().toArray(LuaValue[]::new)));
    }

    /** Runs an event callback that may record routing operations, then runs them. */
    private void runWithOperations(String callback, Supplier<LuaValue[]> args) {
        List<?> recorded = main.locked(() -> {
            operations.startRecording();
            try {
                main.call(callback, args.get());
            } catch (LuaError e) {
                LOG.error("Lua: error in {}: {}", callback, LuaContext.message(e));
            }
            return operations.stopRecording();
        });
        operations.run(recorded, callback);
    }

    private static void callLogged(LuaContext context, String callback, LuaValue... args) {
        try {
            context.call(callback, args);
        } catch (LuaError e) {
            LOG.error("Lua: error in {}: {}", callback, LuaContext.message(e));
        } catch (RuntimeException e) {
            LOG.error("Lua: error in {}: {}", callback, e.toString(), e);
        }
    }

    // ------------------------------------------------------------ arguments

    private LuaValue jsonFromApi(String uri) {
        InProcessRestApi.Answer a = api.call(HttpMethod.GET, uri, null, Map.of());
        return a.status() == 200 ? LuaJson.toLua(parse(a.body())) : new LuaTable();
    }

    private static JsonNode parse(byte[] json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("the REST API answered bad JSON", e);
        }
    }

    /** The simplified tags of a data set, as /instances/{id}/simplified-tags shows them. */
    private static LuaValue simplified(DataSet dataSet) {
        return LuaJson.toLua(parse(OrthancJson.toJson(dataSet, OrthancFormat.HUMAN, OrthancJsonOptions.TAGS)
                .getBytes(StandardCharsets.UTF_8)));
    }

    /** The origin table of OnStoredInstance and the filters (lua.md §3.1). */
    static LuaTable origin(IngestOrigin origin) {
        LuaTable t = new LuaTable();
        t.set("RequestOrigin", origin.origin());
        switch (origin.origin()) {
            case "RestApi" -> {
                t.set("RemoteIp", nullToEmpty(origin.remoteIp()));
                t.set("Username", nullToEmpty(origin.httpUsername()));
            }
            case "DicomProtocol" -> {
                t.set("RemoteIp", nullToEmpty(origin.remoteIp()));
                t.set("RemoteAet", nullToEmpty(origin.remoteAet()));
                t.set("CalledAet", nullToEmpty(origin.calledAet()));
            }
            default -> { }
        }
        return t;
    }

    private static LuaTable info(String transferSyntaxUid, boolean hasPixelData) {
        LuaTable t = new LuaTable();
        t.set("HasPixelData", LuaValue.valueOf(hasPixelData));
        if (transferSyntaxUid != null) {
            t.set("TransferSyntaxUID", transferSyntaxUid);
        }
        return t;
    }

    private static LuaTable stringTable(Map<String, String> m) {
        LuaTable t = new LuaTable();
        m.forEach((k, v) -> t.set(k, nullToEmpty(v)));
        return t;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Queues Finalize(), lets the queue drain, stops the threads. */
    @Override
    public void close() {
        if (heartBeat != null) {
            heartBeat.interrupt();
        }
        queue("Finalize", List::of);
        events.close();
    }
}
