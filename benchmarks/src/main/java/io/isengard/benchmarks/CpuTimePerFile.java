package io.isengard.benchmarks;

import io.isengard.dicom.io.DicomFile;
import io.isengard.dicom.io.DicomReader;
import io.isengard.dicom.io.ReadOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The four cases of {@link ParseBenchmark} timed by the thread's CPU time as
 * well as by the clock. On a shared machine the clock also counts the time
 * other processes hold the cores; CPU time leaves that out, so it compares
 * better between runs (though caches still suffer). Not a JMH benchmark: a
 * plain loop, warmed up by a first round that is not reported.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.isengard.benchmarks.CpuTimePerFile DIR [SECONDS]}
 */
public final class CpuTimePerFile {
    private CpuTimePerFile() {}

    public static void main(String[] args) throws IOException {
        Path[] files;
        try (Stream<Path> s = Files.list(Path.of(args[0]))) {
            files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toArray(Path[]::new);
        }
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 3;
        byte[][] contents = new byte[files.length][];
        for (int i = 0; i < files.length; i++) {
            contents[i] = Files.readAllBytes(files[i]);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.println("| case | clock µs/file | CPU µs/file |");
        System.out.println("| --- | ---: | ---: |");
        for (String name : new String[] {"fullFromFile", "fullFromMemory", "headerOnlyFromFile", "headerOnlyFromMemory"}) {
            ReadOptions options = name.startsWith("full") ? ReadOptions.DEFAULT : ReadOptions.HEADER_ONLY;
            boolean memory = name.endsWith("Memory");
            for (int round = 0; round < 2; round++) {
                long n = 0;
                long cpu0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                long end = t0 + seconds * 1_000_000_000L;
                while (System.nanoTime() < end) {
                    for (int i = 0; i < files.length; i++) {
                        DicomFile f = memory
                                ? DicomReader.read(new ByteArrayInputStream(contents[i]), options)
                                : DicomReader.read(files[i], options);
                        n += f.dataSet().isEmpty() ? 0 : 1;
                    }
                }
                if (round == 1) {
                    System.out.printf("| %s | %.1f | %.1f |%n", name, (System.nanoTime() - t0) / 1e3 / n,
                            (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / n);
                }
            }
        }
    }
}
