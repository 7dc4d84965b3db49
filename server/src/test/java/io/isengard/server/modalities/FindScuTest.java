package io.isengard.server.modalities;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.server.config.DefaultEncoding;
import io.isengard.server.ingest.MainDicomTags;
import io.isengard.server.model.ResourceType;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What Orthanc's C-FIND SCU puts in the identifier (modalities.md §7.2-7.3), without a network. */
class FindScuTest {
    private final FindScu find = new FindScu(null, new MainDicomTags(), () -> DefaultEncoding.Latin1);

    private static Map<Integer, String> map(Object... kv) {
        Map<Integer, String> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((Integer) kv[i], (String) kv[i + 1]);
        }
        return m;
    }

    @Test
    void emptyStudyQueryHasTheKeyTagsOnly() {
        assertThat(find.identifierKeys(ResourceType.STUDY, map(), true, Manufacturer.Generic)).containsExactly(
                Map.entry(0x00080050, ""), Map.entry(0x00080052, "STUDY"), Map.entry(0x00100020, ""),
                Map.entry(0x0020000D, ""));
    }

    @Test
    void geAsksWithWildcards() {
        assertThat(find.identifierKeys(ResourceType.PATIENT, map(), true, Manufacturer.GE))
                .containsEntry(0x00100020, "*");
    }

    @Test
    void normalizationKeepsTheTagsOfTheLevel() {
        // Patient level: study/series counters removed, patient counters kept.
        assertThat(find.identifierKeys(ResourceType.PATIENT, map(0x00201200, "", 0x00201206, "", 0x00201209, ""),
                true, Manufacturer.Generic)).containsOnlyKeys(0x00201200, 0x00080052, 0x00100020);
        // Rows is not a main tag: dropped when normalized, sent as is otherwise.
        assertThat(find.identifierKeys(ResourceType.INSTANCE, map(0x00280010, "42"), true, Manufacturer.Generic))
                .doesNotContainKey(0x00280010);
        assertThat(find.identifierKeys(ResourceType.INSTANCE, map(0x00280010, "42"), false, Manufacturer.Generic))
                .containsEntry(0x00280010, "42");
        // A given key tag is not replaced.
        assertThat(find.identifierKeys(ResourceType.SERIES, map(0x00100020, "P1"), true, Manufacturer.GE))
                .containsEntry(0x00100020, "P1").containsEntry(0x0020000E, "*");
    }

    @Test
    void manufacturerWildcardFixes() {
        Map<Integer, String> q = map(0x00080020, "*", 0x00100010, "*");
        assertThat(find.identifierKeys(ResourceType.STUDY, q, true, Manufacturer.GenericNoWildcardInDates))
                .containsEntry(0x00080020, "").containsEntry(0x00100010, "*");
        assertThat(find.identifierKeys(ResourceType.STUDY, q, true, Manufacturer.GenericNoUniversalWildcard))
                .containsEntry(0x00080020, "").containsEntry(0x00100010, "");
        assertThat(find.identifierKeys(ResourceType.STUDY, q, true, Manufacturer.Generic))
                .containsEntry(0x00080020, "*").containsEntry(0x00100010, "*");
    }

    @Test
    void identifierCarriesTheDefaultEncoding() {
        var ds = find.identifier(find.identifierKeys(ResourceType.PATIENT, map(0x00100010, "Jérôme"), true,
                Manufacturer.Generic));
        assertThat(ds.string(0x00080005)).isEqualTo("ISO_IR 100");
        assertThat(ds.string(0x00100010)).isEqualTo("Jérôme");
    }
}
