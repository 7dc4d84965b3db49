package io.isengard.server.lua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.isengard.dicom.DataSet;
import io.isengard.dicom.Tag;
import io.isengard.dicom.VR;
import io.isengard.server.config.ConfigurationLoader;
import io.isengard.server.ingest.IngestOrigin;
import io.isengard.server.model.ErrorCode;
import io.isengard.server.model.OrthancException;
import io.isengard.server.model.ResourceType;
import io.isengard.server.rest.InProcessRestApi;
import io.isengard.server.rest.Json;
import io.isengard.server.rest.OrthancRouter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The callbacks of features that are not in the server yet (C-FIND and
 * C-STORE over DICOM, worklists, jobs, deletion and update events): their
 * Java entry points, called as those features will call them.
 */
class LuaEntryPointsTest {
    private Path dir;
    private LuaScripting lua;

    @BeforeEach
    void load() throws Exception {
        dir = Files.createTempDirectory("isengard-lua-entry");
        Files.writeString(dir.resolve("callbacks.lua"), """
                events = ''
                function OnJobSubmitted(id) events = events .. 'submitted ' .. id .. ';' end
                function OnJobSuccess(id) events = events .. 'success ' .. id .. ';' end
                function OnJobFailure(id) events = events .. 'failure ' .. id .. ';' end
                function OnDeletedStudy(id) events = events .. 'deleted study ' .. id .. ';' end
                function OnUpdatedInstance(id) events = events .. 'updated instance ' .. id .. ';' end
                function IncomingFindRequestFilter(query, origin)
                   query['0008,0050'] = nil
                   query['PatientName'] = origin.RemoteAet .. '|' .. origin.CalledAet .. '|' .. origin.RemoteIp
                       .. '|' .. origin.Manufacturer
                   return query
                end
                function OutgoingFindRequestFilter(query, modality)
                   if modality == 'BAD' then return { ['0010,0010'] = 42 } end
                   query['0008,0080'] = modality
                   return query
                end
                function IncomingWorklistRequestFilter(query, origin)
                   query.ScheduledProcedureStepSequence[1].Modality = 'MR'
                   return query
                end
                function OutgoingCStoreInstanceFilter(dicom, destination)
                   return dicom.Modality ~= 'SR' and destination.RemoteAet ~= 'NOBODY'
                end
                function ReceivedCStoreInstanceFilter(dicom, origin, info)
                   if dicom.Modality == 'XX' then return 'no' end
                   if origin.CalledAet ~= 'ISENGARD' then return 0 end
                   return 1
                end
                """);
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"LuaScripts\": [\"callbacks.lua\"]}");
        lua = LuaScripting.load(ConfigurationLoader.withSystemEnvironment().load(config),
                new InProcessRestApi(new OrthancRouter()));
        lua.start();
    }

    @AfterEach
    void close() throws Exception {
        lua.close();
        LuaCallbacksTest.deleteTree(dir);
    }

    @Test
    void incomingFindRequestFilterReplacesTheQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("0008,0050", "");
        query.put("0010,0020", "ID*");
        assertThat(lua.filterIncomingFind(query, "10.0.0.1", "SCU", "ISENGARD"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("0010,0020", "ID*",
                        "PatientName", "SCU|ISENGARD|10.0.0.1|Generic"));
    }

    @Test
    void outgoingFindRequestFilterGetsTheModalityAndMustAnswerStrings() {
        assertThat(lua.filterOutgoingFind(Map.of("0010,0020", "X"), "PACS"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("0010,0020", "X", "0008,0080", "PACS"));
        assertThatThrownBy(() -> lua.filterOutgoingFind(Map.of(), "BAD"))
                .isInstanceOfSatisfying(OrthancException.class, e -> assertThat(e.error())
                        .isEqualTo(ErrorCode.LuaBadOutput));
    }

    @Test
    void incomingWorklistRequestFilterWorksOnSequences() throws Exception {
        JsonNode query = Json.MAPPER.readTree("{\"PatientID\": \"\", \"ScheduledProcedureStepSequence\":"
                + " [{\"Modality\": \"\", \"ScheduledStationAETitle\": \"A\"}]}");
        JsonNode filtered = lua.filterIncomingWorklist(query, "10.0.0.1", "SCU", "ISENGARD");
        assertThat(filtered.path("ScheduledProcedureStepSequence").get(0).path("Modality").asText()).isEqualTo("MR");
        assertThat(filtered.path("ScheduledProcedureStepSequence").get(0).path("ScheduledStationAETitle").asText())
                .isEqualTo("A");
    }

    @Test
    void outgoingCStoreInstanceFilter() throws Exception {
        assertThat(lua.acceptsOutgoingCStore(Json.MAPPER.readTree("{\"Modality\": \"CT\"}"), "10.0.0.2", "PACS"))
                .isTrue();
        assertThat(lua.acceptsOutgoingCStore(Json.MAPPER.readTree("{\"Modality\": \"SR\"}"), "10.0.0.2", "PACS"))
                .isFalse();
        assertThat(lua.acceptsOutgoingCStore(Json.MAPPER.readTree("{\"Modality\": \"CT\"}"), "10.0.0.2", "NOBODY"))
                .isFalse();
    }

    @Test
    void receivedCStoreInstanceFilterUsesItsIntegerAsABoolean() {
        DataSet ct = new DataSet();
        ct.putString(0x00080060, VR.CS, "CT");
        ct.putString(Tag.SOPInstanceUID, VR.UI, "1.2.3");
        assertThat(lua.acceptsReceivedCStoreInstance(ct, "1.2.840.10008.1.2", true,
                IngestOrigin.dicom("SCU", "ISENGARD", "10.0.0.1"))).isTrue();
        assertThat(lua.acceptsReceivedCStoreInstance(ct, "1.2.840.10008.1.2", true,
                IngestOrigin.dicom("SCU", "OTHER", "10.0.0.1"))).isFalse();
        DataSet odd = new DataSet();
        odd.putString(0x00080060, VR.CS, "XX");
        assertThatThrownBy(() -> lua.acceptsReceivedCStoreInstance(odd, null, false,
                IngestOrigin.dicom("SCU", "ISENGARD", "10.0.0.1")))
                .isInstanceOfSatisfying(OrthancException.class, e -> assertThat(e.error())
                        .isEqualTo(ErrorCode.LuaReturnsNoString));
    }

    @Test
    void jobDeletionAndUpdateEventsRunInOrder() throws Exception {
        lua.onJobSubmitted("job-1");
        lua.onJobSuccess("job-1");
        lua.onJobFailure("job-2");
        lua.deleted(ResourceType.STUDY, "study-1");
        lua.deleted(ResourceType.SERIES, "series-1"); // OnDeletedSeries is not defined: nothing
        lua.updated(ResourceType.INSTANCE, "instance-1");
        String expected = "submitted job-1;success job-1;failure job-2;deleted study study-1;"
                + "updated instance instance-1;\n";
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        String events;
        while (true) {
            events = lua.execute("print(events)");
            if (events.equals(expected) || Instant.now().isAfter(deadline)) {
                break;
            }
            Thread.sleep(20);
        }
        assertThat(events).isEqualTo(expected);
    }
}
