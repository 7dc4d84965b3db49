package io.isengard.server.rest;

import io.isengard.server.index.Index;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.ResourceType;
import java.io.IOException;

/** Protection of patients against recycling (resources.md §15). */
public final class ProtectionRoutes {
    private final Index index;

    public ProtectionRoutes(Index index) {
        this.index = index;
    }

    public void register(OrthancRouter r) {
        r.get("/patients/{id}/protected", call -> {
            String id = call.parameter("id");
            boolean isProtected = index.read(tx -> tx.isProtected(patient(tx.lookup(id), id).internalId()));
            call.answerText(isProtected ? "1" : "0");
        });
        r.put("/patients/{id}/protected", call -> {
            boolean protect = parseBoolean(call.bodyAsString());
            String id = call.parameter("id");
            index.write(tx -> {
                long patient = patient(tx.lookup(id), id).internalId();
                if (!protect && tx.isProtected(patient)) {
                    tx.touchPatientForRecycling(patient); // as Orthanc: back in the order, at its end
                }
                tx.setProtected(patient, protect);
                return null;
            });
            call.answerText("");
        });
    }

    /** Orthanc answers 400, not 404, for an unknown patient here. */
    private static ResourceRef patient(ResourceRef r, String id) {
        if (r == null || r.type() != ResourceType.PATIENT) {
            throw new OrthancException(ErrorCode.ParameterOutOfRange, "No patient with ID: " + id);
        }
        return r;
    }

    /** "0", "1", "false", "true", spaces around allowed (Orthanc's ParseBooleanBody). */
    private static boolean parseBoolean(String body) {
        return switch (body.strip()) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new OrthancException(ErrorCode.BadFileFormat, "Boolean value expected");
        };
    }
}
