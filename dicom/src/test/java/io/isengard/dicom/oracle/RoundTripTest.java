package io.isengard.dicom.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.Fragments;
import io.isengard.dicom.Sequence;
import io.isengard.dicom.Tag;
import io.isengard.dicom.TransferSyntax;
import io.isengard.dicom.VR;
import io.isengard.dicom.dictionary.DictionaryEntry;
import io.isengard.dicom.dictionary.ElementDictionary;
import io.isengard.dicom.io.DicomFile;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.DicomWriter;
import io.isengard.dicom.io.FileMetaInformation;
import io.isengard.dicom.io.ReadOptions;
import io.isengard.dicom.oracle.Dump.Entry;
import io.isengard.dicom.oracle.DumpDiff.Difference;
import io.isengard.dicom.oracle.DumpDiff.Field;
import io.isengard.dicom.testing.Dcmtk;
import io.isengard.dicom.testing.Samples;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample, written by our writer in every native transfer syntax (or,
 * for compressed ones, in its own), large values copied from the file, and
 * read back, is the same data set; and DCMTK reads what we wrote as we do,
 * with no warning that it does not give for the original.
 *
 * <p>"The same" allows what writing changes on purpose: odd-length values
 * are padded to even length (space for text, NUL for UI and binary VRs),
 * group lengths are recomputed, sequences and items get undefined lengths,
 * and in implicit VR an element's VR is whatever the dictionary says (UN
 * where it knows nothing), so a UN value the dictionary knows as a sequence
 * comes back parsed as one.
 */
@Execution(ExecutionMode.CONCURRENT)
class RoundTripTest {
    static final List<TransferSyntax> NATIVE = List.of(TransferSyntax.ImplicitVRLittleEndian,
            TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ExplicitVRBigEndian,
            TransferSyntax.DeflatedExplicitVRLittleEndian);

    private static final String ODD_OW = "a 5-byte OW value, which we pad to 6 bytes as DICOM requires: DCMTK"
            + " keeps the original's odd length and shows 2 words, dropping the last byte, and shows 3 for ours";
    private static final String SPACED_UID_IN_META = "W: DcmUniqueIdentifier: Element MediaStorageSOPInstanceUID"
            + " (0002,0003) contains one or more space characters, which were removed";
    private static final String SPACED_UID_REASON = "the bare data set's SOP Instance UID has spaces (the point of"
            + " the case, DCMTK warns about it there too); the meta group we make for it copies the UID as it is";

    /**
     * Differences from the original that writing causes on purpose. Files are
     * named "sample as transfer syntax"; a WARNING's key is the warning's text.
     */
    static final List<Deliberate> DELIBERATE = Stream.concat(Stream.of(
            new Deliberate("odd-lengths.dcm as ExplicitVRLittleEndian", "(0029,1002)", Field.LENGTH, ODD_OW),
            new Deliberate("odd-lengths.dcm as ExplicitVRLittleEndian", "(0029,1002)", Field.VALUE, ODD_OW)),
            NATIVE.stream().map(ts -> new Deliberate("text-padding.dcm as " + ts.keyword(), SPACED_UID_IN_META,
                    Field.WARNING, SPACED_UID_REASON)))
            .toList();

    /**
     * DCMTK's warning for a sequence it finds in implicit VR without knowing
     * its tag: we write every sequence with undefined length, so an unknown
     * (private) sequence in implicit VR can only be read as PS3.5 CP-246 says,
     * which is what DCMTK does, with this warning. Accepted exactly for the
     * sequences our dictionary does not know either.
     */
    private static final Pattern CP246_WARNING = Pattern.compile(
            "W: Found element \\((\\p{XDigit}{4},\\p{XDigit}{4})\\) with VR UN and undefined length, reading a sequence"
                    + " with transfer syntax LittleEndianImplicit \\(CP-246\\)");

    private static final Map<Path, Dcmtk.Result> ORIGINAL_DUMPS = new ConcurrentHashMap<>();
    private static final AtomicInteger ROUND_TRIPS = new AtomicInteger();
    private static final Queue<String> CP246_ACCEPTED = new ConcurrentLinkedQueue<>();

    @TempDir
    static Path dir;

    static Stream<Arguments> cases() {
        return DcmdumpOracleTest.samples().flatMap(file -> {
            if (file == null) {
                return Stream.of(Arguments.of(null, null));
            }
            TransferSyntax own = header(file).transferSyntax();
            List<TransferSyntax> targets = own.encapsulated() ? List.of(own) : NATIVE;
            return targets.stream()
                    .map(ts -> Arguments.of(file, Named.of(ts.keyword() != null ? ts.keyword() : ts.uid(), ts)));
        });
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void writesWhatItReadAndDcmtkAgrees(Path file, TransferSyntax ts) throws Exception {
        check(file, Samples.dir().relativize(file).toString(), ts, dir, 1024);
    }

    /**
     * Writes {@code file} as {@code ts} into {@code dir}, and checks what the
     * class comment says. Values longer than {@code bulkThreshold} are written
     * from the file, as references, as the server writes them.
     */
    static void check(Path file, String sample, TransferSyntax ts, Path dir, long bulkThreshold) throws IOException {
        String name = sample + " as " + (ts.keyword() != null ? ts.keyword() : ts.uid());
        DicomFile first = DicomReader.read(file, ReadOptions.DEFAULT);
        DicomFile source = DicomReader.read(file, ReadOptions.DEFAULT.withBulkDataThreshold(bulkThreshold));
        // A file of its own: samples of several folders share a name (IM-0001-0001.dcm) and the
        // cases run in parallel, so a name made from the file's name alone was written and
        // deleted by two cases at once.
        Path out = Files.createTempFile(dir, file.getFileName() + ".", "." + ts.uid() + ".dcm");
        try {
            try (OutputStream o = Files.newOutputStream(out)) {
                // A bare data set gets its meta group from the in-memory read: made from references, its UIDs would be empty.
                DataSet meta = source.meta().isEmpty() ? FileMetaInformation.create(first.dataSet(), ts.uid())
                        : copy(source.meta());
                DicomWriter.writeFile(o, meta, source.dataSet(), ts);
            }
            DicomFile second = DicomReader.read(out, ReadOptions.DEFAULT);
            assertThat(second.transferSyntax().uid()).isEqualTo(ts.uid());

            List<String> changed = new ArrayList<>();
            if (!first.meta().isEmpty()) {
                compareMeta(first.meta(), second.meta(), ts, changed);
            }
            compare(first.dataSet(), second.dataSet(), ts, "", changed);
            assertThat(changed).as("%s: what we read back differs from what we wrote:\n%s", name,
                    String.join("\n", changed)).isEmpty();

            Dcmtk.Result theirs = Dcmtk.run("dcmdump", "+L", "-Un", "+Qn", out.toString());
            assertThat(theirs.exitCode()).as("%s: dcmdump exit code, stderr:\n%s", name, theirs.stderr()).isZero();
            Dump dcmtk = DcmdumpParser.parse(theirs.stdout());
            List<Difference> readDifferently = OracleCheck.differences(dcmtk, DcmdumpRenderer.render(second));
            assertThat(readDifferently).as("%s: DCMTK reads what we wrote differently from us", name).isEmpty();

            List<Difference> diffs = new ArrayList<>();
            Set<String> newWarnings = warnings(theirs.stderr());
            newWarnings.removeAll(warnings(originalDump(file).stderr()));
            Set<String> unknownSequences = ts.explicitVR() ? Set.of() : unknownSequences(second.dataSet());
            for (String w : newWarnings) {
                Matcher m = CP246_WARNING.matcher(w);
                if (m.matches() && unknownSequences.contains(m.group(1))) {
                    CP246_ACCEPTED.add(name + " (" + m.group(1) + ")");
                } else {
                    diffs.add(new Difference(w, Field.WARNING, w, null));
                }
            }
            if (ts.uid().equals(first.transferSyntax().uid())) {
                Dump original = DcmdumpParser.parse(originalDump(file).stdout());
                DumpDiff.compare("", withoutEncodingDetails(original.dataSet()),
                        withoutEncodingDetails(dcmtk.dataSet())).stream()
                        .filter(d -> !(d.field() == Field.VALUE && paddedAsDicomSays(d.dcmtk(), d.ours())))
                        .forEach(diffs::add);
            }
            List<Deliberate> allowed = Deliberate.forFile(DELIBERATE, name);
            List<Difference> unexpected = diffs.stream()
                    .filter(d -> allowed.stream().noneMatch(a -> a.covers(name, d))).toList();
            assertThat(unexpected).as("%s: DCMTK warns about what we wrote, or lists it differently from the"
                    + " original:\n%s", name, unexpected.stream().map(Difference::toString)
                    .collect(Collectors.joining("\n"))).isEmpty();
            assertThat(allowed.stream().filter(a -> diffs.stream().noneMatch(d -> a.covers(name, d))))
                    .as("deliberate differences that no longer occur in %s (remove them)", name).isEmpty();
            ROUND_TRIPS.incrementAndGet();
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @AfterAll
    static void summary() {
        System.out.printf("round trip: %d writes read back and checked by dcmdump; CP-246 warnings for unknown"
                + " sequences in implicit VR: %s%n", ROUND_TRIPS.get(), new TreeSet<>(CP246_ACCEPTED));
    }

    /** Tags ("gggg,eeee") of the sequences in {@code ds} that the dictionary does not know as sequences. */
    private static Set<String> unknownSequences(DataSet ds) {
        Set<String> tags = new java.util.HashSet<>();
        for (int i = 0; i < ds.size(); i++) {
            if (ds.valueAt(i) instanceof Sequence s) {
                if (!dictionaryVRs(ds, ds.tagAt(i)).contains(VR.SQ)) {
                    tags.add(Tag.toString(ds.tagAt(i)));
                }
                for (DataSet item : s) {
                    tags.addAll(unknownSequences(item));
                }
            }
        }
        return tags;
    }

    private static DicomFile header(Path file) {
        try {
            return DicomReader.read(file, ReadOptions.HEADER_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Dcmtk.Result originalDump(Path file) {
        return ORIGINAL_DUMPS.computeIfAbsent(file, f -> Dcmtk.run("dcmdump", "+L", "-Un", "+Qn", f.toString()));
    }

    /** DCMTK's warnings, without the file name some of them end with. */
    private static Set<String> warnings(String stderr) {
        Set<String> w = new LinkedHashSet<>();
        for (String line : stderr.lines().toList()) {
            w.add(line.replaceAll(": reading file: .*$", ""));
        }
        return w;
    }

    /**
     * DCMTK shows the NUL it appends to an odd-length value of the original,
     * where we wrote the padding DICOM prescribes: a space, which it does not
     * show, for text.
     */
    private static boolean paddedAsDicomSays(String original, String written) {
        if (!original.endsWith("&#0;]")) {
            return false;
        }
        String unpadded = original.substring(0, original.length() - "&#0;]".length()).stripTrailing();
        return written.equals(unpadded.equals("[") ? "(no value available)" : unpadded + "]");
    }

    /**
     * What writing may change in a dcmdump listing: sequence and item lengths
     * (we write undefined lengths) and group lengths (recomputed).
     */
    private static List<Entry> withoutEncodingDetails(List<Entry> entries) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            String value = e.value();
            String length = e.length();
            if (e.vr().equals("SQ") || e.isItem()) {
                value = value.replace("explicit length ", "").replace("undefined length ", "");
                length = "-";
            } else if (e.tag().endsWith(",0000)")) {
                value = "-";
            }
            out.add(new Entry(e.key(), e.vr(), length, value));
        }
        return out;
    }

    private static DataSet copy(DataSet meta) {
        DataSet c = new DataSet();
        for (int i = 0; i < meta.size(); i++) {
            c.put(meta.tagAt(i), meta.vrAt(i), meta.valueAt(i));
        }
        return c;
    }

    private static void compareMeta(DataSet first, DataSet second, TransferSyntax ts, List<String> out) {
        DataSet expected = copy(first);
        expected.remove(Tag.FileMetaInformationGroupLength);
        expected.putString(Tag.TransferSyntaxUID, VR.UI, ts.uid());
        DataSet actual = copy(second);
        actual.remove(Tag.FileMetaInformationGroupLength);
        compare(expected, actual, TransferSyntax.ExplicitVRLittleEndian, "meta:", out);
    }

    /** Differences between what we wrote ({@code a}) and what we read back ({@code b}), by the rules of the class comment. */
    static void compare(DataSet a, DataSet b, TransferSyntax ts, String path, List<String> out) {
        for (int i = 0; i < a.size(); i++) {
            int tag = a.tagAt(i);
            String key = path + "(" + Tag.toString(tag) + ")";
            int j = b.indexOf(tag);
            if (j < 0) {
                out.add(key + ": lost");
                continue;
            }
            VR vrA = a.vrAt(i);
            VR vrB = b.vrAt(j);
            Object va = a.valueAt(i);
            Object vb = b.valueAt(j);
            if (ts.explicitVR() ? vrA != vrB : !impliedVRs(b, tag, vb).contains(vrB)) {
                out.add(key + ": VR " + vrA + " came back as " + vrB);
            }
            if (va instanceof byte[] bytes && vb instanceof Sequence && !ts.explicitVR() && vrA == VR.UN) {
                va = parsedAsImplicitSequence(a, tag, bytes);
            }
            if (va instanceof Sequence sa && vb instanceof Sequence sb) {
                if (sa.size() != sb.size()) {
                    out.add(key + ": " + sa.size() + " items came back as " + sb.size());
                    continue;
                }
                for (int k = 0; k < sa.size(); k++) {
                    compare(sa.get(k), sb.get(k), ts, key + "[" + k + "].", out);
                }
            } else if (va instanceof Fragments fa && vb instanceof Fragments fb) {
                if (fa.size() != fb.size()) {
                    out.add(key + ": " + fa.size() + " fragments came back as " + fb.size());
                }
                for (int k = 0; k < Math.min(fa.size(), fb.size()); k++) {
                    if (!Arrays.equals(padded((byte[]) fa.items().get(k), (byte) 0), (byte[]) fb.items().get(k))) {
                        out.add(key + "[" + k + "]: fragment changed");
                    }
                }
            } else if (va instanceof byte[] ba && vb instanceof byte[] bb) {
                if (Tag.isGroupLength(tag) ? bb.length != 4 : !Arrays.equals(padded(ba, paddingOf(vrA)), bb)) {
                    out.add(key + ": value " + DcmdumpRenderer.value(vrA, ba) + " came back as "
                            + DcmdumpRenderer.value(vrB, bb));
                }
            } else {
                out.add(key + ": a " + kind(va) + " came back as a " + kind(vb));
            }
        }
        for (int j = 0; j < b.size(); j++) {
            if (!a.contains(b.tagAt(j))) {
                out.add(path + "(" + Tag.toString(b.tagAt(j)) + "): appeared");
            }
        }
    }

    /** In implicit VR: the dictionary's VRs for the tag, UN if it has none; a sequence of undefined length is SQ. */
    private static Set<VR> impliedVRs(DataSet owner, int tag, Object value) {
        return value instanceof Sequence ? Set.of(VR.SQ) : dictionaryVRs(owner, tag);
    }

    /** The VRs the dictionary gives for {@code tag} (its private creator looked up in {@code owner}), or UN. */
    private static Set<VR> dictionaryVRs(DataSet owner, int tag) {
        DictionaryEntry entry;
        if (Tag.isPrivate(tag) && !Tag.isPrivateCreator(tag) && !Tag.isGroupLength(tag)) {
            String creator = owner.privateCreatorOf(tag);
            entry = creator == null ? null : ElementDictionary.lookupPrivate(creator, tag);
        } else {
            entry = ElementDictionary.lookup(tag);
        }
        return entry == null || entry.vrs().isEmpty() ? Set.of(VR.UN) : Set.copyOf(entry.vrs());
    }

    /** A UN value parsed as the implicit VR little endian sequence the dictionary says it is. */
    private static Object parsedAsImplicitSequence(DataSet owner, int tag, byte[] value) {
        ByteBuffer b = ByteBuffer.allocate(200 + value.length).order(ByteOrder.LITTLE_ENDIAN);
        String creator = owner.privateCreatorOf(tag);
        if (creator != null) {
            byte[] c = padded(creator.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), (byte) ' ');
            b.putShort((short) Tag.group(tag)).putShort((short) (Tag.privateCreatorOf(tag) & 0xFFFF))
                    .putInt(c.length).put(c);
        }
        b.putShort((short) Tag.group(tag)).putShort((short) Tag.element(tag)).putInt(value.length).put(value);
        try {
            DataSet parsed = DicomReader.readDataSet(new ByteArrayInputStream(b.array(), 0, b.position()),
                    TransferSyntax.ImplicitVRLittleEndian, ReadOptions.DEFAULT);
            return parsed.value(tag);
        } catch (IOException e) {
            return value;
        }
    }

    /** PS3.5 §6.2: text pads with a space, UI and binary values with NUL. */
    private static byte paddingOf(VR vr) {
        return vr.isText() && vr != VR.UI ? (byte) ' ' : 0;
    }

    private static byte[] padded(byte[] b, byte padding) {
        if ((b.length & 1) == 0) {
            return b;
        }
        byte[] p = Arrays.copyOf(b, b.length + 1);
        p[b.length] = padding;
        return p;
    }

    private static String kind(Object v) {
        return v == null ? "nothing" : v.getClass().getSimpleName();
    }
}
