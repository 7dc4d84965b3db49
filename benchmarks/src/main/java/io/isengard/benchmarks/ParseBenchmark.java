package io.isengard.benchmarks;

import io.isengard.dicom.io.DicomFile;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.ReadOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing the files of a directory (the CT files of gen-dataset.py), one file
 * per operation, round robin: everything into memory, or the header only;
 * from the file, or from a byte array, which leaves out the I/O.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ParseBenchmark {
    /** Directory of .dcm files. */
    @Param("")
    public String dataset;

    private Path[] files;
    private byte[][] contents;
    /** Bytes up to the pixel data: what header-only parsing reads of each file. */
    private long[] headerBytes;
    private int next;

    /** Bytes parsed, reported per second of benchmark time: bytes/µs, which is MB/s. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Parsed {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    @Setup(Level.Trial)
    public void load() throws IOException {
        if (dataset.isEmpty()) {
            throw new IllegalArgumentException("give the directory of .dcm files with -p dataset=DIR");
        }
        try (Stream<Path> s = Files.list(Path.of(dataset))) {
            files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toArray(Path[]::new);
        }
        if (files.length == 0) {
            throw new IllegalArgumentException("no .dcm file in " + dataset);
        }
        contents = new byte[files.length][];
        headerBytes = new long[files.length];
        for (int i = 0; i < files.length; i++) {
            contents[i] = Files.readAllBytes(files[i]);
            DicomFile f = DicomReader.read(files[i], ReadOptions.HEADER_ONLY);
            headerBytes[i] = f.pixelDataOffset() < 0 ? contents[i].length : f.pixelDataOffset();
        }
    }

    private int nextFile() {
        int i = next;
        next = i + 1 == files.length ? 0 : i + 1;
        return i;
    }

    @Benchmark
    public DicomFile fullFromFile(Parsed parsed) throws IOException {
        int i = nextFile();
        parsed.bytes += contents[i].length;
        return DicomReader.read(files[i], ReadOptions.DEFAULT);
    }

    @Benchmark
    public DicomFile fullFromMemory(Parsed parsed) throws IOException {
        int i = nextFile();
        parsed.bytes += contents[i].length;
        return DicomReader.read(new ByteArrayInputStream(contents[i]), ReadOptions.DEFAULT);
    }

    @Benchmark
    public DicomFile headerOnlyFromFile(Parsed parsed) throws IOException {
        int i = nextFile();
        parsed.bytes += headerBytes[i];
        return DicomReader.read(files[i], ReadOptions.HEADER_ONLY);
    }

    @Benchmark
    public DicomFile headerOnlyFromMemory(Parsed parsed) throws IOException {
        int i = nextFile();
        parsed.bytes += headerBytes[i];
        return DicomReader.read(new ByteArrayInputStream(contents[i]), ReadOptions.HEADER_ONLY);
    }
}
