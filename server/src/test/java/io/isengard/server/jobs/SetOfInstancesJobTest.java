package io.isengard.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The "set of instances" base of the store and modification jobs: its content and its saved form. */
class SetOfInstancesJobTest {
    /** Handles instances by name: "gone" is not found (FailedInstancesCount), "boom" throws. */
    static final class Touch extends SetOfInstancesJob {
        private final boolean trailing;
        private int trailingRuns;

        Touch(boolean permissive, List<String> instances, List<String> parents, boolean trailing) {
            super("REST API", permissive, instances, parents);
            this.trailing = trailing;
        }

        static Touch unserialize(JsonNode saved) {
            Touch t = new Touch(saved.path("Permissive").asBoolean(), savedInstances(saved),
                    savedParentResources(saved), saved.path("Trailing").asBoolean());
            t.restore(saved);
            return t;
        }

        @Override
        public String type() {
            return "IsengardTestTouch";
        }

        @Override
        protected boolean handleInstance(String id) {
            if (id.equals("boom")) {
                throw new IllegalStateException("cannot touch " + id);
            }
            return !id.equals("gone");
        }

        @Override
        protected boolean hasTrailingStep() {
            return trailing;
        }

        @Override
        protected boolean handleTrailingStep() {
            trailingRuns++;
            return true;
        }

        @Override
        protected void addContent(ObjectNode content) {
            super.addContent(content);
            content.put("TrailingRuns", trailingRuns);
        }

        @Override
        protected void addSaved(ObjectNode saved) {
            super.addSaved(saved);
            saved.put("Trailing", trailing);
        }
    }

    @Test
    void contentCountsInstancesAndFailuresAndListsParentsSortedOnce() throws Exception {
        JobsEngine engine = new JobsEngine(new JobsSettings(1, 10, false), new JobTypes(), null, false,
                Clock.systemUTC());
        engine.start(false);
        try {
            JobInfo done = engine.submitAndWait(new Touch(false, List.of("a", "gone", "b"), List.of("p2", "p1", "p2"),
                    true), 0, null);
            assertThat(done.state()).isEqualTo(JobState.Success);
            JsonNode c = done.content();
            assertThat(c.get("Description").asText()).isEqualTo("REST API");
            assertThat(c.get("InstancesCount").asInt()).isEqualTo(3); // the trailing step is not an instance
            assertThat(c.get("FailedInstancesCount").asInt()).isEqualTo(1);
            assertThat(c.get("ParentResources")).extracting(JsonNode::asText).containsExactly("p1", "p2");
            assertThat(c.get("TrailingRuns").asInt()).isEqualTo(1);

            JobInfo noParents = engine.submitAndWait(new Touch(false, List.of(), List.of(), false), 0, null);
            assertThat(noParents.content().has("ParentResources")).isFalse();
            assertThat(noParents.progressPercent()).isEqualTo(100);

            JobInfo failed = engine.submitAndWait(new Touch(false, List.of("a", "boom", "b"), List.of(), false), 0,
                    null);
            assertThat(failed.state()).isEqualTo(JobState.Failure);
            assertThat(failed.progressPercent()).isEqualTo(33);
            JobInfo permissive = engine.submitAndWait(new Touch(true, List.of("a", "boom", "b"), List.of(), false),
                    0, null);
            assertThat(permissive.state()).isEqualTo(JobState.Success);
            // As Orthanc, an exception skipped by Permissive is not a failed instance.
            assertThat(permissive.content().get("FailedInstancesCount").asInt()).isZero();
        } finally {
            engine.close();
        }
    }

    @Test
    void theSavedFormRestoresInstancesParentsAndCursor() throws Exception {
        Touch t = new Touch(true, List.of("a", "gone", "c", "d"), List.of("p"), false);
        t.step();
        t.step();
        Touch back = Touch.unserialize(t.serialize());
        assertThat(back.instances()).containsExactly("a", "gone", "c", "d");
        assertThat(back.parentResources()).containsExactly("p");
        assertThat(back.position()).isEqualTo(2);
        assertThat(back.failedCount()).isEqualTo(1);
        assertThat(back.permissive()).isTrue();
        assertThat(back.content()).isEqualTo(t.content());
        assertThat(Set.of(back.progress())).containsExactly(0.5);
    }
}
