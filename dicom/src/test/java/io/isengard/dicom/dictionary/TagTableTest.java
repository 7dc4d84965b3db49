package io.isengard.dicom.dictionary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TagTableTest {

    @Test
    void findsEveryKeyAndNothingElse() {
        Map<Integer, String> m = new HashMap<>();
        Random random = new Random(42);
        while (m.size() < 5000) {
            int k = random.nextInt();
            m.put(k, Integer.toHexString(k));
        }
        m.put(0, "zero");
        m.put(-1, "all ones");
        TagTable<String> t = new TagTable<>(m);
        m.forEach((k, v) -> assertThat(t.get(k)).isEqualTo(v));
        for (int i = 0; i < 10_000; i++) {
            int k = random.nextInt();
            assertThat(t.get(k)).isEqualTo(m.get(k));
        }
    }

    @Test
    void emptyTable() {
        assertThat(new TagTable<String>(Map.of()).get(0x00100010)).isNull();
    }
}
