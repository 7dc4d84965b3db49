package io.isengard.server.modalities;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isengard.dicom.Tag;
import io.isengard.server.jobs.Job;
import io.isengard.server.model.ResourceType;
import io.isengard.server.rest.TagFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The saved form of the retrieve jobs (SaveJobs): a "DicomMoveScu" or
 * "DicomGetScu" job read back by its factory has the same type, content,
 * progress and saved form, the cursor and the details of the resources
 * already retrieved included; a resubmission starts over.
 */
class DicomMoveScuJobTest {
    private static DicomRetrieveScu.Request request(DicomRetrieveScu.Method method) {
        RemoteModality m = RemoteModality.of("REMOTE", "10.0.0.7", 4100, Manufacturer.Generic);
        SortedMap<Integer, String> study = new TreeMap<>(Tag::compare);
        study.put(FindScu.STUDY_INSTANCE_UID, "1.2.3");
        study.put(FindScu.PATIENT_ID, "P1");
        SortedMap<Integer, String> other = new TreeMap<>(Tag::compare);
        other.put(FindScu.STUDY_INSTANCE_UID, "1.2.4");
        return new DicomRetrieveScu.Request(method, new ModalityConnector.Target(m, "ME", "REMOTE", "10.0.0.7", 4100,
                9), ResourceType.STUDY, List.of(study, other), "TARGET", true, "REST API", TagFormat.HUMAN);
    }

    @Test
    void aRetrieveJobReadBackFromItsSavedFormIsTheSame() {
        for (DicomRetrieveScu.Method method : DicomRetrieveScu.Method.values()) {
            DicomMoveScuJob job = new DicomMoveScuJob(request(method), null, null);
            ObjectNode saved = job.serialize();
            Job back = DicomMoveScuJob.factory(method, null, null).unserialize(saved);
            assertThat(back.type()).isEqualTo(method == DicomRetrieveScu.Method.C_MOVE ? "DicomMoveScu"
                    : "DicomGetScu");
            assertThat(back.serialize()).isEqualTo(saved);
            assertThat(back.content()).isEqualTo(job.content());
            assertThat(back.content().get("Query").get(0).get("PatientID").asText()).isEqualTo("P1");
            assertThat(back.progress()).isZero();
        }
    }

    @Test
    void theCursorAndTheDetailsBeforeItAreRestored() {
        ObjectNode saved = new DicomMoveScuJob(request(DicomRetrieveScu.Method.C_GET), null, null).serialize();
        saved.put("Position", 1);
        saved.putArray("Received").addArray().add("0a9b3153-2512774b-2d9580de-1fc3dcf6-3bd83918");
        saved.putArray("Statuses").add(0);
        Job back = DicomMoveScuJob.factory(DicomRetrieveScu.Method.C_GET, null, null).unserialize(saved);
        assertThat(back.progress()).isEqualTo(0.5);
        assertThat(back.content().get("Details").get(0).get("ReceivedInstancesIds").get(0).asText())
                .isEqualTo("0a9b3153-2512774b-2d9580de-1fc3dcf6-3bd83918");
        assertThat(back.serialize()).isEqualTo(saved);
        back.reset();
        assertThat(back.progress()).isZero();
        assertThat(back.content().get("Details")).isEmpty();
    }
}
