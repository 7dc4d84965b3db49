package io.isengard.server.dicom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.rest.Json;
import io.isengard.server.rest.OrthancRouter;
import io.isengard.server.rest.RestCall;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * /tools/accepted-transfer-syntaxes and /tools/unknown-sop-class-accepted
 * (dicom-server.md §1): read and change the acceptance policy of the
 * running DICOM server.
 */
public final class DicomToolsRoutes {
    /** What the routes change: the running server, or only the values when it is disabled. */
    public interface Policy {
        Set<String> acceptedTransferSyntaxes();

        void acceptedTransferSyntaxes(Set<String> uids);

        boolean unknownSopClassAccepted();

        void unknownSopClassAccepted(boolean accepted);
    }

    /** The values alone, for a server whose DICOM listener is disabled. */
    public static Policy detached(DicomServerSettings settings) {
        return new Policy() {
            private volatile Set<String> ts = settings.acceptedTransferSyntaxes();
            private volatile boolean unknown = settings.unknownSopClassAccepted();

            @Override
            public Set<String> acceptedTransferSyntaxes() {
                return ts;
            }

            @Override
            public void acceptedTransferSyntaxes(Set<String> uids) {
                ts = AcceptedTransferSyntaxes.ordered(uids);
            }

            @Override
            public boolean unknownSopClassAccepted() {
                return unknown;
            }

            @Override
            public void unknownSopClassAccepted(boolean accepted) {
                unknown = accepted;
            }
        };
    }

    private final Policy policy;

    public DicomToolsRoutes(Policy policy) {
        this.policy = policy;
    }

    public void register(OrthancRouter r) {
        r.get("/tools/accepted-transfer-syntaxes", this::answerTransferSyntaxes);
        r.put("/tools/accepted-transfer-syntaxes", this::setTransferSyntaxes);
        r.post("/tools/accepted-transfer-syntaxes", this::setTransferSyntaxes);
        r.get("/tools/unknown-sop-class-accepted",
                call -> call.answerText(policy.unknownSopClassAccepted() ? "1" : "0"));
        r.put("/tools/unknown-sop-class-accepted", call -> {
            policy.unknownSopClassAccepted(parseBoolean(call.bodyAsString()));
            call.answerText("");
        });
    }

    private void answerTransferSyntaxes(RestCall call) throws IOException {
        ArrayNode a = Json.array();
        policy.acceptedTransferSyntaxes().forEach(a::add);
        call.answerJson(a);
    }

    /** The body: a JSON array of patterns, a JSON string, or one pattern as plain text. */
    private void setTransferSyntaxes(RestCall call) throws IOException {
        String body = call.bodyAsString().strip();
        JsonNode patterns;
        try {
            patterns = body.startsWith("[") || body.startsWith("\"") ? Json.MAPPER.readTree(body) : TextNode.valueOf(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new OrthancException(ErrorCode.BadRequest, "Expected a JSON array or string of transfer syntax UIDs"
                    + " (* and ? allowed), or one UID pattern as text", e);
        }
        if (patterns == null) {
            throw new OrthancException(ErrorCode.BadRequest, "Expected transfer syntax UIDs in the body");
        }
        policy.acceptedTransferSyntaxes(AcceptedTransferSyntaxes.matching(
                AcceptedTransferSyntaxes.patterns(patterns, "The body")));
        answerTransferSyntaxes(call);
    }

    private static boolean parseBoolean(String body) {
        return switch (body.strip().toLowerCase(Locale.ROOT)) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new OrthancException(ErrorCode.BadRequest,
                    "Expected 1, 0, true or false, not \"" + body.strip() + "\"");
        };
    }
}
