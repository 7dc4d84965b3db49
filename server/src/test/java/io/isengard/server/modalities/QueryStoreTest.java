package io.isengard.server.modalities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isengard.server.model.OrthancException;
import io.isengard.server.model.ResourceType;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** "QueryRetrieveSize": the least recently accessed query goes first (modalities.md §7.1). */
class QueryStoreTest {
    private static QueryAnswers query(String id) {
        return new QueryAnswers(id, "m", ResourceType.STUDY, new TreeMap<>(), true, null, null, List.of());
    }

    @Test
    void evictsTheLeastRecentlyAccessed() {
        QueryStore store = new QueryStore(2);
        store.add(query("b"));
        store.add(query("a"));
        store.require("b"); // "a" is now the least recently accessed
        store.add(query("c"));
        assertThat(store.ids()).containsExactly("b", "c");
        assertThatThrownBy(() -> store.require("a")).isInstanceOf(OrthancException.class)
                .extracting(e -> ((OrthancException) e).error().code()).isEqualTo(17);
        store.remove("b");
        store.remove("unknown");
        assertThat(store.ids()).containsExactly("c");
    }
}
