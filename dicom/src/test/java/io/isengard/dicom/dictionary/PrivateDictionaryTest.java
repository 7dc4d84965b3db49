package io.isengard.dicom.dictionary;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.VR;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrivateDictionaryTest {

    @Test
    void flexibleEntriesMatchInAnyReservedBlock() {
        DictionaryEntry e = ElementDictionary.lookupPrivate("SIEMENS CSA HEADER", 0x00291010);
        assertThat(e.keyword()).isEqualTo("CSAImageHeaderInfo");
        assertThat(e.vrs()).containsExactly(VR.OB);
        assertThat(e.privateCreator()).isEqualTo("SIEMENS CSA HEADER");
        assertThat(e.tag()).isEqualTo(0x00291010);
        assertThat(e.retired()).isFalse();
        assertThat(ElementDictionary.lookupPrivate("SIEMENS CSA HEADER", 0x00291110)).isSameAs(e);
        assertThat(ElementDictionary.lookupPrivate("SIEMENS CSA HEADER", 0x0029FF10)).isSameAs(e);
        assertThat(ElementDictionary.lookupPrivate("SIEMENS CSA HEADER", 0x00291008).keyword())
                .isEqualTo("CSAImageHeaderType");
        assertThat(ElementDictionary.lookupPrivate("GEMS_ACQU_01", 0x00191002).keyword())
                .isEqualTo("NumberOfCellsInDetector");
    }

    @Test
    void creatorPaddingIsIgnoredButCaseIsNot() {
        DictionaryEntry e = ElementDictionary.lookupPrivate("SIEMENS CSA HEADER", 0x00291010);
        assertThat(ElementDictionary.lookupPrivate("SIEMENS CSA HEADER ", 0x00291010)).isSameAs(e);
        assertThat(ElementDictionary.lookupPrivate("SIEMENS CSA HEADER\0", 0x00291010)).isSameAs(e);
        assertThat(ElementDictionary.lookupPrivate("siemens csa header", 0x00291010)).isNull();
    }

    @Test
    void groupMustMatch() {
        assertThat(ElementDictionary.lookupPrivate("SIEMENS CSA HEADER", 0x00191010)).isNull();
    }

    @Test
    void fixedEntriesMatchTheirElementOnly() {
        // private.dic: (0025,"CMR42 CIRCLECVI",1010), four digits: that element only, as in DCMTK.
        DictionaryEntry e = ElementDictionary.lookupPrivate("CMR42 CIRCLECVI", 0x00251010);
        assertThat(e.keyword()).isEqualTo("WorkspaceID");
        assertThat(e.tag()).isEqualTo(0x00251010);
        assertThat(ElementDictionary.lookupPrivate("CMR42 CIRCLECVI", 0x00251110)).isNull();
        // (0019,"PHILIPS MR/PART",1100) is fixed in block 11.
        assertThat(ElementDictionary.lookupPrivate("PHILIPS MR/PART", 0x00191100).keyword()).isEqualTo("NumberOfStacks");
    }

    @Test
    void groupRangesHonourTheirParity() {
        // private.dic: (6001-o-60ff,"PAPYRUS 3.0",10) OverlayRows.
        DictionaryEntry e = ElementDictionary.lookupPrivate("PAPYRUS 3.0", 0x60031010);
        assertThat(e.keyword()).isEqualTo("OverlayRows");
        assertThat(e.tag()).isEqualTo(0x60011010);
        assertThat(ElementDictionary.lookupPrivate("PAPYRUS 3.0", 0x60FF1210)).isSameAs(e);
        assertThat(ElementDictionary.lookupPrivate("PAPYRUS 3.0", 0x61011010)).isNull();
        // The same creator's single-group entries still work.
        assertThat(ElementDictionary.lookupPrivate("PAPYRUS 3.0", 0x00411010).keyword()).isEqualTo("PointerSequence");
    }

    @Test
    void unknownCreatorsTagsAndNonDataElements() {
        assertThat(ElementDictionary.lookupPrivate("NO SUCH CREATOR", 0x00291010)).isNull();
        assertThat(ElementDictionary.lookupPrivate(null, 0x00291010)).isNull();
        assertThat(ElementDictionary.lookupPrivate("SIEMENS CSA HEADER", 0x002910FF)).isNull();
        // (0029,0010) is the creator element itself, not the data element at offset 10.
        assertThat(ElementDictionary.lookupPrivate("SIEMENS CSA HEADER", 0x00290010)).isNull();
    }

    @Test
    void namesLoseTheirWhitespaceAsInDcmtk() {
        // private.dic: (0019,"GEMS_ACQU_01",87) DS "CardiacRepetition Time"; dcmdump shows CardiacRepetitionTime.
        assertThat(ElementDictionary.lookupPrivate("GEMS_ACQU_01", 0x00191087).keyword()).isEqualTo("CardiacRepetitionTime");
    }

    @Test
    void everyRowOfTheResourceIsFound() throws IOException {
        // The dictionary parses rows lazily; this makes it parse them all.
        int rows = 0;
        try (var in = getClass().getResourceAsStream(PrivateDictionary.RESOURCE)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                int group = Integer.parseInt(f[0].substring(0, 4), 16);
                int element = Integer.parseInt(f[2], 16) | (f[2].length() == 2 ? 0x1000 : 0);
                DictionaryEntry e = ElementDictionary.lookupPrivate(f[1], (group << 16) | element);
                assertThat(e).as(line).isNotNull();
                assertThat(e.keyword()).as(line).isEqualTo(f[4]);
                assertThat(e.tag()).as(line).isEqualTo((group << 16) | element);
                assertThat(e.privateCreator()).as(line).isEqualTo(f[1]);
                assertThat(e.vm()).as(line).isEqualTo(f[5]);
                rows++;
            }
        }
        assertThat(rows).isGreaterThan(2800);
    }

    @Test
    void laterEntriesOverrideEarlierOnes() {
        // private.dic lists (0011,"SPI RELEASE 1",10) Organ twice; one entry results.
        assertThat(ElementDictionary.lookupPrivate("SPI RELEASE 1", 0x00111010).keyword()).isEqualTo("Organ");
    }
}
