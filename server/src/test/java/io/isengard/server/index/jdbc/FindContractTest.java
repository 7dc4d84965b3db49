package io.isengard.server.index.jdbc;

import static io.isengard.server.index.jdbc.IndexContractTest.exec;
import static io.isengard.server.index.jdbc.IndexContractTest.tree;
import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.server.index.FindQuery;
import io.isengard.server.index.FindQuery.LabelsConstraint;
import io.isengard.server.index.FindQuery.OrderKind;
import io.isengard.server.index.FindQuery.Ordering;
import io.isengard.server.index.FindQuery.TagMatch;
import io.isengard.server.index.Index;
import io.isengard.server.index.ResourceRef;
import io.isengard.server.index.TagConstraint;
import io.isengard.server.model.ResourceType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The find primitives of the index (docs/find.md) on each backend: tag
 * constraints of the level, of ancestors and of children, case, labels,
 * parents, metadata, ordering (missing keys last, numeric), paging, counting
 * and identifier lookup. Run by {@link IndexContractTest} on each backend.
 */
abstract class FindContractTest {
    private static final int PATIENT_NAME = 0x00100010;
    private static final int PATIENT_ID = 0x00100020;
    private static final int STUDY_DESCRIPTION = 0x00081030;
    private static final int MODALITY = 0x00080060;
    private static final int SERIES_NUMBER = 0x00200011;
    private static final int BODY_PART = 0x00180015;
    private static final int STUDY_UID = 0x0020000D;

    /** A fresh, empty index, closed by whoever opened it. */
    protected abstract Index index();

    private Index index;
    private IndexContractTest.Tree knix;
    private IndexContractTest.Tree brainix;
    private IndexContractTest.Tree brainix2;

    @BeforeEach
    void fill() throws Exception {
        index = index();
        index.write(tx -> {
            knix = tree(tx, "p1", "s1", "se1", 2);
            brainix = tree(tx, "p2", "s2", "se2", 1);
            brainix2 = tree(tx, "p2", "s2", "se3", 1);
            tx.setMainDicomTags(knix.study().internalId(), Map.of(PATIENT_NAME, "Knix", STUDY_DESCRIPTION, "Knee (R)",
                    STUDY_UID, "1.2.3"));
            tx.setMainDicomTags(brainix.study().internalId(), Map.of(PATIENT_NAME, "BRAINIX", STUDY_DESCRIPTION,
                    "IRM cérébrale", STUDY_UID, "1.2.4"));
            tx.setMainDicomTags(knix.patient().internalId(), Map.of(PATIENT_NAME, "Knix", PATIENT_ID, "ozp00SjY2xG"));
            tx.setMainDicomTags(knix.series().internalId(), Map.of(MODALITY, "MR", SERIES_NUMBER, "10"));
            tx.setMainDicomTags(brainix.series().internalId(), Map.of(MODALITY, "CT", SERIES_NUMBER, "9",
                    BODY_PART, "HEAD"));
            tx.setMainDicomTags(brainix2.series().internalId(), Map.of(MODALITY, "PT", SERIES_NUMBER, "100"));
            tx.setIdentifierTags(knix.patient().internalId(), Map.of(PATIENT_ID, "OZP00SJY2XG"));
            tx.setMetadata(knix.series().internalId(), Map.of(1024, "alpha-2"));
            tx.setMetadata(brainix.series().internalId(), Map.of(1024, "beta-10"));
            exec(tx, "INSERT INTO labels (internal_id, label) VALUES (?, 'red'), (?, 'blue'), (?, 'red')",
                    knix.study().internalId(), knix.study().internalId(), brainix.study().internalId());
            return null;
        });
    }

    private static FindQuery query(ResourceType level, List<TagMatch> tags) {
        return new FindQuery(level, tags, List.of(), LabelsConstraint.All, List.of(), List.of(), List.of(), 0, 0);
    }

    private List<ResourceRef> find(FindQuery q) {
        return index.read(tx -> tx.find(q));
    }

    private long count(FindQuery q) {
        Long n = index.read(tx -> tx.count(q));
        return n;
    }

    private List<ResourceRef> lookup(String normalized) {
        return index.read(tx -> tx.lookupIdentifier(normalized));
    }

    private static TagMatch tag(ResourceType at, int tag, TagConstraint c) {
        return new TagMatch(at, tag, c, false);
    }

    @Test
    void caseInsensitiveByDefaultAndExactWhenAsked() {
        FindQuery lower = query(ResourceType.STUDY, List.of(tag(ResourceType.STUDY, PATIENT_NAME,
                new TagConstraint.Equal("knix"))));
        assertThat(find(lower)).containsExactly(knix.study());
        FindQuery sensitive = query(ResourceType.STUDY, List.of(new TagMatch(ResourceType.STUDY, PATIENT_NAME,
                new TagConstraint.Equal("knix"), true)));
        assertThat(find(sensitive)).isEmpty();
        FindQuery accents = query(ResourceType.STUDY, List.of(tag(ResourceType.STUDY, STUDY_DESCRIPTION,
                new TagConstraint.Wildcard("irm CÉ*"))));
        assertThat(find(accents)).containsExactly(brainix.study());
        FindQuery contains = query(ResourceType.STUDY, List.of(tag(ResourceType.STUDY, STUDY_DESCRIPTION,
                new TagConstraint.Wildcard("*(r)"))));
        assertThat(find(contains)).containsExactly(knix.study());
    }

    @Test
    void ancestorsAndChildren() {
        FindQuery instancesOfKnix = query(ResourceType.INSTANCE, List.of(tag(ResourceType.STUDY, PATIENT_NAME,
                new TagConstraint.Wildcard("K*"))));
        assertThat(find(instancesOfKnix)).containsExactlyInAnyOrderElementsOf(knix.instances());
        FindQuery modalitiesInStudy = query(ResourceType.STUDY, List.of(tag(ResourceType.SERIES, MODALITY,
                new TagConstraint.AnyOf(List.of("US", "PT")))));
        assertThat(find(modalitiesInStudy)).containsExactly(brainix.study());
        assertThat(count(modalitiesInStudy)).isEqualTo(1);
    }

    @Test
    void labels() {
        FindQuery q = query(ResourceType.STUDY, List.of());
        assertThat(find(withLabels(q, List.of("red", "blue"), LabelsConstraint.All))).containsExactly(knix.study());
        assertThat(find(withLabels(q, List.of("red", "blue"), LabelsConstraint.Any)))
                .containsExactlyInAnyOrder(knix.study(), brainix.study());
        assertThat(find(withLabels(q, List.of("blue"), LabelsConstraint.None))).containsExactly(brainix.study());
    }

    private static FindQuery withLabels(FindQuery q, List<String> labels, LabelsConstraint mode) {
        return new FindQuery(q.level(), q.tags(), labels, mode, q.parents(), q.metadata(), q.orderBy(), 0, 0);
    }

    @Test
    void parentsAndMetadata() {
        FindQuery underBrainix = new FindQuery(ResourceType.SERIES, List.of(), List.of(), LabelsConstraint.All,
                List.of(new FindQuery.Parent(ResourceType.PATIENT, brainix.patient().publicId())), List.of(),
                List.of(), 0, 0);
        assertThat(find(underBrainix)).containsExactlyInAnyOrder(brainix.series(), brainix2.series());
        FindQuery metadata = new FindQuery(ResourceType.SERIES, List.of(), List.of(), LabelsConstraint.All,
                List.of(), List.of(new FindQuery.MetadataMatch(1024, new TagConstraint.Wildcard("*-1?"))),
                List.of(), 0, 0);
        assertThat(find(metadata)).containsExactly(brainix.series());
    }

    @Test
    void orderingKeepsResourcesWithoutTheKeyLast() {
        List<ResourceRef> byNumber = find(ordered(new Ordering(OrderKind.DicomTagAsInt, ResourceType.SERIES,
                SERIES_NUMBER, true)));
        assertThat(byNumber).containsExactly(brainix.series(), knix.series(), brainix2.series());
        List<ResourceRef> asText = find(ordered(new Ordering(OrderKind.DicomTag, ResourceType.SERIES,
                SERIES_NUMBER, false)));
        assertThat(asText).containsExactly(brainix.series(), brainix2.series(), knix.series());
        List<ResourceRef> byBodyPart = find(ordered(new Ordering(OrderKind.DicomTag, ResourceType.SERIES,
                BODY_PART, false)));
        assertThat(byBodyPart.get(0)).isEqualTo(brainix.series());
        List<ResourceRef> byMetadata = find(ordered(new Ordering(OrderKind.Metadata, ResourceType.SERIES, 1024,
                false)));
        assertThat(byMetadata).containsExactly(brainix.series(), knix.series(), brainix2.series());
        List<ResourceRef> byStudy = find(ordered(new Ordering(OrderKind.DicomTag, ResourceType.STUDY, PATIENT_NAME,
                true)));
        assertThat(byStudy.get(2)).isEqualTo(knix.series());
    }

    private static FindQuery ordered(Ordering o) {
        return new FindQuery(ResourceType.SERIES, List.of(), List.of(), LabelsConstraint.All, List.of(), List.of(),
                List.of(o), 0, 0);
    }

    @Test
    void pagesCutTheOrderedList() {
        FindQuery all = query(ResourceType.INSTANCE, List.of());
        List<ResourceRef> every = find(all);
        assertThat(every).hasSize(4);
        assertThat(find(all.withPage(1, 2))).isEqualTo(every.subList(1, 3));
        assertThat(find(all.withPage(3, 0))).isEqualTo(every.subList(3, 4));
        assertThat(count(all.withPage(1, 1))).isEqualTo(4);
    }

    @Test
    void lookupMatchesTheNormalisedIdentifier() {
        assertThat(lookup("OZP00SJY2XG")).containsExactly(knix.patient());
        assertThat(lookup("nothing")).isEmpty();
    }
}
