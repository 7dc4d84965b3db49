package io.isengard.server.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.server.index.Change;
import io.isengard.server.index.ChangeQuery;
import io.isengard.server.index.ExportedResource;
import io.isengard.server.index.Index;
import io.isengard.server.model.ChangeType;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** GET/DELETE /changes (rest-core.md §5, with the 1.12.5 extensions) and /exports (§6). */
public final class ChangesRoutes {
    private final Index index;

    public ChangesRoutes(Index index) {
        this.index = index;
    }

    public void register(OrthancRouter r) {
        r.get("/changes", this::changes);
        r.delete("/changes", call -> {
            index.write(tx -> {
                tx.clearChanges();
                return null;
            });
            call.answerText("");
        });
        r.get("/exports", this::exports);
        r.delete("/exports", call -> {
            index.write(tx -> {
                tx.clearExports();
                return null;
            });
            call.answerText("");
        });
    }

    private void changes(RestCall call) throws IOException {
        Set<ChangeType> types = types(call.argument("type", null));
        if (call.hasArgument("last")) {
            List<Change> last = index.read(tx -> tx.changes(new ChangeQuery(0, Long.MAX_VALUE, types, 1, true)));
            long lastSeq = last.isEmpty() ? index.read(tx -> tx.lastChangeSeq()) : last.get(0).seq();
            call.answerJson(page(last, true, lastSeq));
            return;
        }
        long since;
        int limit;
        try {
            // Orthanc: if either is not a number, both fall back to their defaults.
            since = Long.parseLong(call.argument("since", "0"));
            // One more than the limit is fetched to tell whether the page is the last one.
            limit = (int) Math.min(Integer.MAX_VALUE - 1L, Math.max(0L, Long.parseLong(call.argument("limit", "100"))));
        } catch (NumberFormatException e) {
            since = 0;
            limit = 100;
        }
        boolean hasTo = call.hasArgument("to");
        long to = hasTo ? Long.parseLong(call.argument("to", "0")) : Long.MAX_VALUE;
        boolean fromEnd = hasTo && !call.hasArgument("since");
        long s = since;
        int l = limit;
        record Result(List<Change> changes, boolean more, long last) {}
        Result result = index.read(tx -> {
            if (l == 0) {
                return new Result(List.of(), false, tx.lastChangeSeq());
            }
            List<Change> page = tx.changes(new ChangeQuery(s, to, types, l + 1, fromEnd));
            boolean more = page.size() > l;
            List<Change> shown = more ? (fromEnd ? page.subList(1, page.size()) : page.subList(0, l)) : page;
            return new Result(shown, more, shown.isEmpty() ? tx.lastChangeSeq() : shown.get(shown.size() - 1).seq());
        });
        boolean done;
        if (l == 0) {
            done = !index.read(tx -> tx.hasChangesAfter(s, types));
        } else if (fromEnd) {
            done = false;
        } else {
            done = !result.more();
        }
        call.answerJson(page(result.changes(), done, result.last()));
    }

    private static Set<ChangeType> types(String arg) {
        Set<ChangeType> types = EnumSet.noneOf(ChangeType.class);
        if (arg == null || arg.isEmpty()) {
            return types;
        }
        for (String t : arg.split(";")) {
            try {
                types.add(ChangeType.valueOf(t.strip()));
            } catch (IllegalArgumentException e) {
                throw new OrthancException(ErrorCode.ParameterOutOfRange, "Unknown change type: " + t);
            }
        }
        return types;
    }

    private static ObjectNode page(List<Change> changes, boolean done, long last) {
        ObjectNode o = Json.object();
        ArrayNode a = o.putArray("Changes");
        for (Change c : changes) {
            ObjectNode e = a.addObject();
            e.put("ChangeType", c.changeType().name());
            e.put("Date", c.date());
            e.put("ID", c.publicId());
            e.put("Path", c.resourceType().path(c.publicId()));
            e.put("ResourceType", c.resourceType().label());
            e.put("Seq", c.seq());
        }
        o.put("Done", done);
        if (!changes.isEmpty()) {
            o.put("First", changes.get(0).seq());
        }
        o.put("Last", last);
        return o;
    }

    private void exports(RestCall call) throws IOException {
        List<ExportedResource> shown;
        boolean done;
        long lastSeq;
        if (call.hasArgument("last")) {
            shown = index.read(tx -> tx.exports(0, 1, true));
            done = true;
            lastSeq = shown.isEmpty() ? 0 : shown.get(0).seq();
        } else {
            long since;
            int limit;
            try {
                since = Long.parseLong(call.argument("since", "0"));
                limit = (int) Math.min(Integer.MAX_VALUE - 1L, Math.max(0L, Long.parseLong(call.argument("limit", "100"))));
            } catch (NumberFormatException e) {
                since = 0;
                limit = 100;
            }
            long s = since;
            int l = limit;
            // One more than the limit tells whether the page is the last one.
            List<ExportedResource> page = index.read(tx -> tx.exports(s, l + 1, false));
            done = page.size() <= l;
            shown = done ? page : page.subList(0, l);
            lastSeq = shown.isEmpty() ? since : shown.get(shown.size() - 1).seq(); // rest-core.md §6
        }
        ObjectNode o = Json.object();
        o.put("Done", done);
        ArrayNode a = o.putArray("Exports");
        for (ExportedResource e : shown) {
            ObjectNode x = a.addObject();
            x.put("Date", e.date());
            x.put("ID", e.publicId());
            x.put("Path", e.resourceType().path(e.publicId()));
            x.put("RemoteModality", e.remoteModality());
            x.put("ResourceType", e.resourceType().label());
            x.put("Seq", e.seq());
            putIfSet(x, "PatientID", e.patientId());
            putIfSet(x, "StudyInstanceUID", e.studyInstanceUid());
            putIfSet(x, "SeriesInstanceUID", e.seriesInstanceUid());
            putIfSet(x, "SOPInstanceUID", e.sopInstanceUid());
        }
        o.put("Last", lastSeq);
        call.answerJson(o);
    }

    private static void putIfSet(ObjectNode o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }
}
