package io.isengard.server.index.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainDicomTagsCacheTest {
    @Test
    void keepsWhatATransactionReadUnlessAChangeWasCommittedSinceItBegan() {
        MainDicomTagsCache cache = new MainDicomTagsCache(10);
        long before = cache.generation();
        cache.keep(before, Map.of(1L, Map.of(0x00100010, "A")));
        assertThat(cache.get(1L)).containsExactly(Map.entry(0x00100010, "A"));

        long reader = cache.generation();
        cache.changed(List.of(1L));
        assertThat(cache.get(1L)).as("forgotten at the change's commit").isNull();
        cache.keep(reader, Map.of(1L, Map.of(0x00100010, "A"), 2L, Map.of()));
        assertThat(cache.get(1L)).as("read before the change: perhaps the old tags").isNull();
        assertThat(cache.get(2L)).isNull();

        cache.keep(cache.generation(), Map.of(2L, Map.of()));
        assertThat(cache.get(2L)).isEmpty();
        cache.changed(List.of(3L));
        assertThat(cache.get(2L)).as("a change elsewhere forgets only its own resources").isEmpty();
    }

    @Test
    void forgetsTheLeastRecentlyReadBeyondItsCapacity() {
        MainDicomTagsCache cache = new MainDicomTagsCache(3);
        for (long id = 1; id <= 3; id++) {
            cache.keep(cache.generation(), Map.of(id, Map.of(0x00080020, Long.toString(id))));
        }
        assertThat(cache.get(1L)).isNotNull();
        cache.keep(cache.generation(), Map.of(4L, Map.of()));
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get(2L)).as("the least recently read").isNull();
        assertThat(cache.get(1L)).isNotNull();
        assertThat(cache.get(4L)).isNotNull();
    }
}
