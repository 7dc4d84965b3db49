package io.isengard.dicom.dictionary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TagRangeTest {

    @Test
    void singleTag() {
        TagRange r = TagRange.parse("0010,0010");
        assertThat(r.group().isSingle()).isTrue();
        assertThat(r.element().isSingle()).isTrue();
        assertThat(r.firstTag()).isEqualTo(0x00100010);
        assertThat(r.size()).isEqualTo(1);
        assertThat(r.matches(0x0010, 0x0010)).isTrue();
        assertThat(r.matches(0x0010, 0x0011)).isFalse();
    }

    @Test
    void parityRestrictions() {
        TagRange even = TagRange.parse("6000-e-60FF,3000");
        assertThat(even.matches(0x6002, 0x3000)).isTrue();
        assertThat(even.matches(0x6001, 0x3000)).isFalse();
        assertThat(even.size()).isEqualTo(128);

        TagRange odd = TagRange.parse("0009-o-FFFF,0010-u-00FF");
        assertThat(odd.matches(0x0009, 0x0010)).isTrue();
        assertThat(odd.matches(0xFFFF, 0x00FF)).isTrue();
        assertThat(odd.matches(0x0008, 0x0010)).isFalse();
        assertThat(odd.matches(0x0009, 0x0100)).isFalse();
        assertThat(odd.size()).isEqualTo(32764L * 240);

        TagRange any = TagRange.parse("0000-u-FFFF,0000");
        assertThat(any.size()).isEqualTo(65536);
        assertThat(any.firstTag()).isZero();
    }

    @Test
    void spansCountTheirMembers() {
        assertThat(TagRange.Span.parse("3100-e-31FF").count()).isEqualTo(128);
        assertThat(TagRange.Span.parse("3101-e-3101").count()).isZero();
        assertThat(TagRange.Span.parse("6001-o-60FF").count()).isEqualTo(128);
        assertThat(TagRange.Span.parse("0010").count()).isEqualTo(1);
    }

    @Test
    void rejectsWhatTheGeneratorNeverWrites() {
        assertThatThrownBy(() -> TagRange.parse("60xx,3000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TagRange.parse("6000-x-60FF,3000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TagRange.parse("00100010")).isInstanceOf(IllegalArgumentException.class);
    }
}
