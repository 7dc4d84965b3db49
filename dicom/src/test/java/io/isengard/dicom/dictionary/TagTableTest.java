package io.isengard.dicom.dictionary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TagTableTest {

    @Test
    void findsEveryKeyAndNothingElse() {
        Map<Integer, Integer> m = new HashMap<>();
        Random random = new Random(42);
        while (m.size() < 5000) {
            m.put(random.nextInt(), m.size());
        }
        m.put(0, 5000);
        m.put(-1, 5001);
        int[] keys = new int[m.size()];
        int[] values = new int[m.size()];
        int n = 0;
        for (Map.Entry<Integer, Integer> e : m.entrySet()) {
            keys[n] = e.getKey();
            values[n++] = e.getValue();
        }
        TagTable t = new TagTable(keys, values, n);
        m.forEach((k, v) -> assertThat(t.get(k)).isEqualTo(v));
        for (int i = 0; i < 10_000; i++) {
            int k = random.nextInt();
            assertThat(t.get(k)).isEqualTo(m.getOrDefault(k, TagTable.ABSENT));
        }
    }

    @Test
    void laterDuplicatesWin() {
        TagTable t = new TagTable(new int[] {0x00100010, 0x00100020, 0x00100010}, new int[] {1, 2, 3}, 3);
        assertThat(t.get(0x00100010)).isEqualTo(3);
        assertThat(t.get(0x00100020)).isEqualTo(2);
    }

    @Test
    void onlyTheFirstCountPairsCount() {
        TagTable t = new TagTable(new int[] {7, 8, 9}, new int[] {0, 1, 2}, 2);
        assertThat(t.get(8)).isEqualTo(1);
        assertThat(t.get(9)).isEqualTo(TagTable.ABSENT);
    }

    @Test
    void emptyTable() {
        assertThat(new TagTable(new int[0], new int[0], 0).get(0x00100010)).isEqualTo(TagTable.ABSENT);
    }
}
